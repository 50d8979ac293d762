import { useInfiniteQuery } from "@tanstack/react-query";
import type { ScalingEventPage } from "@/lib/domain/scaling-events";
import { api, ok } from "../api";
import { unlessLive } from "../events/live-state";
import { endpointKeys } from "./keys";

/** The autoscaler's decisions about one endpoint, newest first, a page at a time. */
export function useScalingEvents(slug: string, id: string) {
  return useInfiniteQuery({
    queryKey: [...endpointKeys.detail(slug, id), "scaling-events"] as const,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) =>
      ok<ScalingEventPage>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/scaling-events", { params: { path: { org: slug, id }, query: { cursor: pageParam ?? undefined, limit: 20 } } })),
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: () => unlessLive(5000),
  });
}
