import "server-only";
import { getKek } from "@/lib/attestation/kek";
import { openSealedSecret, sealSecret } from "@/lib/attestation/sealed-secret";

// TOTP secrets at rest: sealed under the same key-encryption key as the attestation signing keys
// (HINOKI_ATTESTATION_KEK), bound to the user id so a sealed secret moved to another user's row
// does not open.

const boundTo = (userId: string) => `hinoki-totp-secret:${userId}`;

export function sealTotpSecret(userId: string, secretBase32: string): { sealed: string; kekId: string } {
  const kek = getKek();
  return { sealed: sealSecret(kek, boundTo(userId), secretBase32), kekId: kek.id };
}

export function openTotpSecret(userId: string, sealed: string, kekId: string): string {
  return openSealedSecret(getKek(), boundTo(userId), sealed, kekId, `TOTP secret of ${userId}`);
}
