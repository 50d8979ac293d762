import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { MfaProofInput, MfaStatus, RecoveryCodes, TotpSetup } from "@/lib/domain/mfa";
import { api, ok } from "../api";
import { securityKeys } from "./keys";

export function useMfaStatus(initialData?: MfaStatus) {
  return useQuery({ queryKey: securityKeys.mfa(), queryFn: ({ signal }) => ok<MfaStatus>(api.GET("/api/v1/me/mfa", { signal })), initialData });
}

export function useStartTotpSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok<TotpSetup>(api.POST("/api/v1/me/mfa/totp")),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}

export function useConfirmTotpSetup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => ok<RecoveryCodes>(api.POST("/api/v1/me/mfa/totp/confirm", { body: { code } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}

export function useRemoveTotp() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (proof: MfaProofInput) => ok(api.DELETE("/api/v1/me/mfa/totp", { body: proof })).then(() => undefined),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}

export function useRegenerateRecoveryCodes() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (proof: MfaProofInput) => ok<RecoveryCodes>(api.POST("/api/v1/me/mfa/recovery-codes", { body: proof })),
    onSuccess: () => qc.invalidateQueries({ queryKey: securityKeys.mfa() }),
  });
}
