import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Kek } from "./kek";

// AES-256-GCM under the key-encryption key, for every secret kept at rest: attestation private
// keys and TOTP secrets today. The caller names what the value belongs to (the AAD), so a sealed
// value copied onto another row (another key id, another user) fails to open instead of being
// used there. Format: "A256GCM.v1.<iv>.<ciphertext>.<tag>", each part base64url.

const FORMAT = "A256GCM.v1";

export function sealWithKek(kek: Kek, boundTo: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", kek.key, iv);
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv.toString("base64url"), ciphertext.toString("base64url"), tag.toString("base64url")].join(".");
}

/**
 * Opens a sealed value. `what` names it in errors; `sealedWithKekId` is the KEK fingerprint kept
 * beside the value, so a changed KEK fails with a message that says so.
 */
export function openWithKek(kek: Kek, boundTo: string, sealed: string, sealedWithKekId: string, what: string): string {
  if (sealedWithKekId !== kek.id) {
    throw new Error(
      `${what} was encrypted with key-encryption key ${sealedWithKekId}, but the configured one is ${kek.id}; ` +
        `restore the original HINOKI_ATTESTATION_KEK`,
    );
  }
  const parts = sealed.split(".");
  if (parts.length !== 5 || `${parts[0]}.${parts[1]}` !== FORMAT) throw new Error(`${what}: unknown wrapping format`);
  const [, , iv, ciphertext, tag] = parts;
  const decipher = createDecipheriv("aes-256-gcm", kek.key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
