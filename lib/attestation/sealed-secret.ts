import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Kek } from "./kek";

// The one envelope for secrets kept at rest under the key-encryption key: AES-256-GCM with the
// secret's purpose bound as additional authenticated data, so a sealed value copied onto another
// row (another key id, another identity provider) fails to open instead of being used there.
// Format: "A256GCM.v1.<iv>.<ciphertext>.<tag>", each part base64url. Attestation signing keys,
// the client secrets of customers' identity providers and TOTP secrets all use it.

const FORMAT = "A256GCM.v1";

export function sealSecret(kek: Kek, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(Buffer.from(purpose, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/** Opens a sealed secret; `what` names it in errors (never the secret itself). */
export function openSealedSecret(kek: Kek, purpose: string, sealed: string, sealedWithKekId: string, what: string): string {
  if (sealedWithKekId !== kek.id) {
    throw new Error(
      `${what} was encrypted with key-encryption key ${sealedWithKekId}, but the configured one is ${kek.id}; ` + `restore the original HINOKI_ATTESTATION_KEK`,
    );
  }
  const parts = sealed.split(".");
  if (parts.length !== 5 || `${parts[0]}.${parts[1]}` !== FORMAT) throw new Error(`${what}: unknown wrapping format`);
  const [, , iv, ciphertext, tag] = parts;
  const decipher = createDecipheriv("aes-256-gcm", kek.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(purpose, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
