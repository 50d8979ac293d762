import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateQuotaRequestInput, QuotaRequest } from "@/lib/domain/quotas";
import { api, ok } from "../api";
import { catalogKeys } from "./keys";

/** `idempotencyKey` is one per dialog opening: a double submit files one request. */
export function useCreateQuotaRequest(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: CreateQuotaRequestInput; idempotencyKey: string }) =>
      ok<QuotaRequest>(api.POST("/api/v1/orgs/{org}/quota-requests", { params: { path: { org: slug }, header: { "Idempotency-Key": idempotencyKey } }, body: input })),
    onSuccess: () => qc.invalidateQueries({ queryKey: catalogKeys.quotaRequests(slug) }),
  });
}
