import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { AttestationDetail, AttestationListItem } from "@/lib/domain/attestation-api";
import { api, ok } from "../api";
import { attestationKeys } from "./keys";

export interface AttestationFilter {
  resourceId?: string;
  status?: string;
}

/** Keyset pages, newest first; "load more" fetches the next page. Refreshes while open. */
export function useAttestations(slug: string, filter: AttestationFilter) {
  return useInfiniteQuery({
    queryKey: attestationKeys.list(slug, filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: AttestationListItem[]; nextCursor: string | null }>(
        api.GET("/api/v1/orgs/{org}/attestations", {
          params: { path: { org: slug }, query: { limit: 50, resourceId: filter.resourceId || undefined, status: (filter.status || undefined) as AttestationListItem["status"] | undefined, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });
}

export function useAttestation(slug: string, id: string, initialData?: AttestationDetail) {
  return useQuery({
    queryKey: attestationKeys.detail(slug, id),
    queryFn: ({ signal }) => ok<AttestationDetail>(api.GET("/api/v1/orgs/{org}/attestations/{id}", { params: { path: { org: slug, id } }, signal })),
    initialData,
    staleTime: Infinity, // a statement never changes once signed
  });
}
