import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateQuotaRequestInput, QuotaRequest } from "@/lib/domain/quotas";
import { apiFetch } from "../api-fetch";
import { catalogKeys } from "./keys";

/** `idempotencyKey` is one per dialog opening: a double submit files one request. */
export function useCreateQuotaRequest(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CreateQuotaRequestInput; idempotencyKey: string }) =>
      apiFetch<QuotaRequest>(`/api/v1/orgs/${encodeURIComponent(slug)}/quota-requests`, { method: "POST", body: input, idempotencyKey }),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.quotaRequests(slug) }),
  });
}
