import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import type { AttestationDetail, AttestationListItem } from "@/lib/domain/attestation-api";
import { apiFetch } from "../api-fetch";
import { attestationKeys, attestationsBase } from "./keys";

export interface AttestationFilter {
  resourceId?: string;
  status?: string;
}

/** Keyset pages, newest first; "load more" fetches the next page. Refreshes while open. */
export function useAttestations(slug: string, filter: AttestationFilter) {
  return useInfiniteQuery({
    queryKey: attestationKeys.list(slug, filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: "50" });
      if (filter.resourceId) params.set("resourceId", filter.resourceId);
      if (filter.status) params.set("status", filter.status);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ items: AttestationListItem[]; nextCursor: string | null }>(`${attestationsBase(slug)}?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: 30_000,
  });
}

export function useAttestation(slug: string, id: string, initialData?: AttestationDetail) {
  return useQuery({
    queryKey: attestationKeys.detail(slug, id),
    queryFn: ({ signal }) => apiFetch<AttestationDetail>(`${attestationsBase(slug)}/${encodeURIComponent(id)}`, { signal }),
    initialData,
    staleTime: Infinity, // a statement never changes once signed
  });
}
