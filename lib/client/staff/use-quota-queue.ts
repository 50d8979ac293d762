import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { DecideQuotaRequestInput, StaffQuotaRequest } from "@/lib/domain/staff";
import { api, ok } from "../api";
import { staffKeys } from "./keys";

export interface QuotaQueueFilter {
  status?: "pending" | "approved" | "rejected";
  org?: string;
}

export function useQuotaQueue(filter: QuotaQueueFilter) {
  return useInfiniteQuery({
    queryKey: staffKeys.quotaQueue(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: StaffQuotaRequest[]; nextCursor: string | null }>(
        api.GET("/api/v1/staff/quota-requests", {
          params: { query: { limit: 50, status: (filter.status || undefined) as StaffQuotaRequest["status"] | undefined, org: filter.org || undefined, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDecideQuotaRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: DecideQuotaRequestInput }) =>
      ok<StaffQuotaRequest>(api.PATCH("/api/v1/staff/quota-requests/{id}", { params: { path: { id } }, body: decision })),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
