import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { JWK } from "jose";
import type { Kek } from "./kek";

// AES-256-GCM envelope for a private JWK. The kid is bound as additional authenticated data,
// so a wrapped key copied onto another key's row fails to unwrap instead of signing under a
// wrong kid. Format: "A256GCM.v1.<iv>.<ciphertext>.<tag>", each part base64url.

const FORMAT = "A256GCM.v1";

function aad(kid: string): Buffer {
  return Buffer.from(`hinoki-attestation-key:${kid}`, "utf8");
}

export function wrapPrivateJwk(kek: Kek, kid: string, privateJwk: JWK): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(aad(kid));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(privateJwk), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

export function unwrapPrivateJwk(kek: Kek, kid: string, wrapped: string, wrappedWithKekId: string): JWK {
  if (wrappedWithKekId !== kek.id) {
    throw new Error(
      `attestation key ${kid} was encrypted with key-encryption key ${wrappedWithKekId}, but the configured one is ${kek.id}; ` +
        `restore the original HINOKI_ATTESTATION_KEK`,
    );
  }
  const parts = wrapped.split(".");
  if (parts.length !== 5 || `${parts[0]}.${parts[1]}` !== FORMAT) throw new Error(`attestation key ${kid}: unknown wrapping format`);
  const [, , iv, ciphertext, tag] = parts;
  const decipher = createDecipheriv("aes-256-gcm", kek.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(aad(kid));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  return JSON.parse(plaintext.toString("utf8")) as JWK;
}
