import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MfaProofInput, MfaStatus, RecoveryCodes, TotpSetup } from "@/lib/domain/mfa";
import { apiFetch } from "../api-fetch";
import { securityKeys } from "./keys";

export function useMfaStatus(initialData?: MfaStatus) {
  return useQuery({ queryKey: securityKeys.mfa(), queryFn: ({ signal }) => apiFetch<MfaStatus>("/api/v1/me/mfa", { signal }), initialData });
}

export function useStartTotpSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<TotpSetup>("/api/v1/me/mfa/totp", { method: "POST" }),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}

export function useConfirmTotpSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => apiFetch<RecoveryCodes>("/api/v1/me/mfa/totp/confirm", { method: "POST", body: { code } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}

export function useRemoveTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (proof: MfaProofInput) => apiFetch<void>("/api/v1/me/mfa/totp", { method: "DELETE", body: proof }),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}

export function useRegenerateRecoveryCodes() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (proof: MfaProofInput) => apiFetch<RecoveryCodes>("/api/v1/me/mfa/recovery-codes", { method: "POST", body: proof }),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}
