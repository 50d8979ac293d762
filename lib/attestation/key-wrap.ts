import "server-only";
import type { JWK } from "jose";
import type { Kek } from "./kek";
import { openWithKek, sealWithKek } from "./sealed-box";

// A private JWK sealed under the KEK (sealed-box.ts). The kid is bound as additional
// authenticated data, so a wrapped key copied onto another key's row fails to unwrap instead of
// signing under a wrong kid.

function aad(kid: string): string {
  return `hinoki-attestation-key:${kid}`;
}

export function wrapPrivateJwk(kek: Kek, kid: string, privateJwk: JWK): string {
  return sealWithKek(kek, aad(kid), JSON.stringify(privateJwk));
}

export function unwrapPrivateJwk(kek: Kek, kid: string, wrapped: string, wrappedWithKekId: string): JWK {
  return JSON.parse(openWithKek(kek, aad(kid), wrapped, wrappedWithKekId, `attestation key ${kid}`)) as JWK;
}
