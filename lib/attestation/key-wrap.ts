import "server-only";
import type { JWK } from "jose";
import type { Kek } from "./kek";
import { openSealedSecret, sealSecret } from "./sealed-secret";

// A private JWK sealed under the KEK (sealed-secret.ts). The kid is bound as additional
// authenticated data, so a wrapped key copied onto another key's row fails to unwrap instead of
// signing under a wrong kid.

function purpose(kid: string): string {
  return `hinoki-attestation-key:${kid}`;
}

export function wrapPrivateJwk(kek: Kek, kid: string, privateJwk: JWK): string {
  return sealSecret(kek, purpose(kid), JSON.stringify(privateJwk));
}

export function unwrapPrivateJwk(kek: Kek, kid: string, wrapped: string, wrappedWithKekId: string): JWK {
  return JSON.parse(openSealedSecret(kek, purpose(kid), wrapped, wrappedWithKekId, `attestation key ${kid}`)) as JWK;
}
