import { useInfiniteQuery } from "@tanstack/react-query";
import type { QuotaRequest } from "@/lib/domain/quotas";
import { apiFetch } from "../api-fetch";
import { catalogKeys } from "./keys";

/** The org's quota requests, newest first, with keyset "load more". */
export function useQuotaRequests(slug: string) {
  return useInfiniteQuery({
    queryKey: catalogKeys.quotaRequests(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: "20" });
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ items: QuotaRequest[]; nextCursor: string | null }>(`/api/v1/orgs/${encodeURIComponent(slug)}/quota-requests?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    // A decision by the account manager shows up without a reload.
    refetchInterval: 60_000,
  });
}
