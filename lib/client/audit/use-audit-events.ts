import { useInfiniteQuery } from "@tanstack/react-query";
import type { AuditEvent } from "@/lib/domain/audit";
import { api, ok } from "../api";

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
    queryFn: ({ pageParam, signal }) =>
      ok<{ items: AuditEvent[]; nextCursor: string | null }>(
        api.GET("/api/v1/orgs/{org}/audit-events", {
          params: { path: { org: slug }, query: { limit: 50, actor: filter.actor || undefined, action: filter.action || undefined, from: filter.from || undefined, to: filter.to || undefined, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.nextCursor,
  });
}
