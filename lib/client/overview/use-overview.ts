import { useQuery } from "@tanstack/react-query";
import type { Overview } from "@/lib/domain/overview";
import { api, ok } from "../api";
import { unlessLive } from "../events/live-state";

export const overviewKeys = { org: (slug: string) => ["orgs", slug, "overview"] as const };

/** The cockpit's live parts: the first render comes from the server, then it refreshes itself. */
export function useOverview(slug: string, initialData: Overview) {
  return useQuery({
    queryKey: overviewKeys.org(slug),
    queryFn: () => ok<Overview>(api.GET("/api/v1/orgs/{org}/overview", { params: { path: { org: slug } } })),
    initialData,
    initialDataUpdatedAt: new Date(initialData.generatedAt).getTime(),
    refetchInterval: (query) => unlessLive(query.state.data?.resources.items.some((r) => r.operation && r.operation.status !== "failed") ? 5_000 : 20_000),
  });
}
