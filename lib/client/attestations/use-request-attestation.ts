import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AttestationDetail, RequestAttestationInput } from "@/lib/domain/attestation-api";
import { apiFetch, newIdempotencyKey } from "../api-fetch";
import { attestationKeys, attestationsBase } from "./keys";

/** A fresh statement with the caller's nonce; the new one lands in the list at once. */
export function useRequestAttestation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestAttestationInput) =>
      apiFetch<AttestationDetail>(attestationsBase(slug), { method: "POST", body: input, idempotencyKey: newIdempotencyKey() }),
    onSuccess: (created) => {
      qc.setQueryData(attestationKeys.detail(slug, created.id), created);
      return qc.invalidateQueries({ queryKey: attestationKeys.all(slug) });
    },
  });
}

/** A random nonce a person need not invent: 32 bytes, base64url (43 characters). */
export function randomNonce(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
