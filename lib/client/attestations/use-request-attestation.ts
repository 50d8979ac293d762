import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AttestationDetail, RequestAttestationInput } from "@/lib/domain/attestation-api";
import { api, ok } from "../api";
import { attestationKeys } from "./keys";

/** A fresh statement with the caller's nonce; the new one lands in the list at once. */
export function useRequestAttestation(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: RequestAttestationInput) =>
      ok<AttestationDetail>(api.POST("/api/v1/orgs/{org}/attestations", { params: { path: { org: slug } }, body: input })),
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
