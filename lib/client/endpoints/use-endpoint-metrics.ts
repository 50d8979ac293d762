import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { EndpointMetrics, MetricsRange } from "@/lib/domain/endpoints";
import { api, ok } from "../api";
import { endpointKeys } from "./keys";

export function useEndpointMetrics(slug: string, id: string, range: MetricsRange) {
  return useQuery({
    queryKey: endpointKeys.metrics(slug, id, range),
    queryFn: () => ok<EndpointMetrics>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/metrics", { params: { path: { org: slug, id }, query: { range } } })),
    refetchInterval: range === "hour" ? 5000 : 60_000,
    placeholderData: keepPreviousData,
  });
}
