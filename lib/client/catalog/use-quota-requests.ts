import { useInfiniteQuery } from "@tanstack/react-query";
import type { QuotaRequest } from "@/lib/domain/quotas";
import { api, ok } from "../api";
import { catalogKeys } from "./keys";

/** The org's quota requests, newest first, with keyset "load more". */
export function useQuotaRequests(slug: string) {
  return useInfiniteQuery({
    queryKey: catalogKeys.quotaRequests(slug),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: QuotaRequest[]; nextCursor: string | null }>(api.GET("/api/v1/orgs/{org}/quota-requests", { params: { path: { org: slug }, query: { limit: 20, cursor: pageParam ?? undefined } }, signal })),
    getNextPageParam: (last) => last.nextCursor,
    // A decision by the account manager shows up without a reload.
    refetchInterval: 60_000,
  });
}
