import { useInfiniteQuery } from "@tanstack/react-query";
import type { AuditEvent } from "@/lib/domain/audit";
import type { Page } from "@/lib/domain/cursor";
import { sameAuditFilter, type AuditFilter } from "@/lib/domain/audit-filter";
import { api, ok } from "../api";

export type { AuditFilter } from "@/lib/domain/audit-filter";

export type AuditEventsPage = Page<AuditEvent>;

export const auditKeys = {
  list: (slug: string, filter: AuditFilter) => ["orgs", slug, "audit-events", filter] as const,
};

/**
 * `initial`: the first page the server rendered for these filters, so the first paint shows the
 * entries instead of a placeholder; it applies only while the filters are the ones it was read for.
 */
export function useAuditEvents(slug: string, filter: AuditFilter, initial?: { filter: AuditFilter; page: AuditEventsPage }) {
  const first = initial && sameAuditFilter(initial.filter, filter) ? initial.page : undefined;
  return useInfiniteQuery({
    queryKey: auditKeys.list(slug, filter),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      ok<AuditEventsPage>(
        api.GET("/api/v1/orgs/{org}/audit-events", {
          params: { path: { org: slug }, query: { limit: 50, actor: filter.actor || undefined, action: filter.action || undefined, from: filter.from || undefined, to: filter.to || undefined, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialData: first ? { pages: [first], pageParams: [null] } : undefined,
    getNextPageParam: (last) => last.nextCursor,
  });
}
