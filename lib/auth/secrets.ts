import "server-only";
import { createHash, randomBytes } from "node:crypto";

// Bearer secrets (API tokens, endpoint keys, invitation links) carry 256 random bits, so a
// plain SHA-256 is a sound one-way store: there is nothing to brute-force. Only the hash and a
// short display prefix are kept; the secret itself is shown once.

export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function displayPrefix(secret: string, length = 10): string {
  return secret.slice(0, length);
}
