import { useInfiniteQuery } from "@tanstack/react-query";
import type { AuditEvent } from "@/lib/domain/audit";
import { apiFetch } from "../api-fetch";

export interface AuditFilter {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const auditKeys = {
  list: (slug: string, filter: AuditFilter) => ["orgs", slug, "audit-events", filter] as const,
};

export function useAuditEvents(slug: string, filter: AuditFilter) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(slug, filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: "50" });
      for (const [k, v] of Object.entries(filter)) if (v) params.set(k, v);
      if (pageParam) params.set("cursor", pageParam);
      return apiFetch<{ items: AuditEvent[]; nextCursor: string | null }>(`/api/v1/orgs/${encodeURIComponent(slug)}/audit-events?${params}`, { signal });
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
