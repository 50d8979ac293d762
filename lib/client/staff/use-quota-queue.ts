import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { DecideQuotaRequestInput, StaffQuotaRequest } from "@/lib/domain/staff";
import { apiFetch } from "../api-fetch";
import { staffKeys } from "./keys";

export interface QuotaQueueFilter {
  status?: "pending" | "approved" | "rejected";
  org?: string;
}

export function useQuotaQueue(filter: QuotaQueueFilter) {
  return useInfiniteQuery({
    queryKey: staffKeys.quotaQueue(filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (filter.status) params.set("status", filter.status);
      if (filter.org) params.set("org", filter.org);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ items: StaffQuotaRequest[]; nextCursor: string | null }>(`/api/v1/staff/quota-requests?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDecideQuotaRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: DecideQuotaRequestInput }) =>
      apiFetch<StaffQuotaRequest>(`/api/v1/staff/quota-requests/${encodeURIComponent(id)}`, { method: "PATCH", body: decision }),
    onSuccess: () => qc.invalidateQueries({ queryKey: staffKeys.all }),
  });
}
