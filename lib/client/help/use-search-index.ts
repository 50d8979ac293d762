import { useQuery } from "@tanstack/react-query";
import type { ApiToken } from "@/lib/domain/api-tokens";
import type { Cluster } from "@/lib/domain/clusters";
import type { EndpointView } from "@/lib/domain/endpoints";
import type { Permission } from "@/lib/domain/permissions";
import type { Reservation } from "@/lib/domain/reservations/reservations-api";
import { api, ok } from "../api";
import type { SearchItem } from "./match-search";

// The org's resources the header search looks through, read through the public API (org-scoped
// by the route like every other read) when the search opens. Each list the reader may see is
// fetched once; one that fails leaves the others searchable.

export const searchKeys = { index: (slug: string) => ["orgs", slug, "search-index"] as const };

const LIMIT = 200; // the lists' largest page

async function resourcesOf(slug: string, can: (p: Permission) => boolean, signal: AbortSignal): Promise<SearchItem[]> {
  const path = { org: slug };
  const lists: Array<Promise<SearchItem[]>> = [];
  if (can("clusters.read")) {
    lists.push(
      ok<{ items: Cluster[] }>(api.GET("/api/v1/orgs/{org}/clusters", { params: { path, query: { limit: LIMIT } }, signal })).then((p) =>
        p.items.map((c) => ({ kind: "cluster", label: c.name, detail: c.id, href: `/${slug}/clusters/${c.id}` })),
      ),
    );
  }
  if (can("endpoints.read")) {
    lists.push(
      ok<{ items: EndpointView[] }>(api.GET("/api/v1/orgs/{org}/endpoints", { params: { path, query: { limit: LIMIT } }, signal })).then((p) =>
        p.items.map((e) => ({ kind: "endpoint", label: e.name, detail: e.id, keywords: [e.modelId], href: `/${slug}/endpoints/${e.id}` })),
      ),
    );
  }
  if (can("reservations.read")) {
    lists.push(
      ok<{ items: Reservation[] }>(api.GET("/api/v1/orgs/{org}/reservations", { params: { path }, signal })).then((p) =>
        p.items.map((r) => ({ kind: "reservation", label: `${r.shapeId} × ${r.count} · ${r.zoneId}`, detail: r.id, href: `/${slug}/reservations/${r.id}` })),
      ),
    );
  }
  if (can("tokens.read")) {
    lists.push(
      ok<{ items: ApiToken[] }>(api.GET("/api/v1/orgs/{org}/api-tokens", { params: { path }, signal })).then((p) =>
        p.items.map((k) => ({ kind: "apiToken", label: k.name, detail: `${k.prefix}…`, href: `/${slug}/settings/api-tokens` })),
      ),
    );
  }
  const settled = await Promise.allSettled(lists);
  return settled.flatMap((s) => (s.status === "fulfilled" ? (s.value as SearchItem[]) : []));
}

/** The org's searchable resources; fetched when `enabled` (the search is open), kept a minute. */
export function useSearchIndex(slug: string, permissions: readonly Permission[], enabled: boolean) {
  return useQuery({
    queryKey: searchKeys.index(slug),
    queryFn: ({ signal }) => resourcesOf(slug, (p) => permissions.includes(p), signal),
    enabled,
    staleTime: 60_000,
  });
}
