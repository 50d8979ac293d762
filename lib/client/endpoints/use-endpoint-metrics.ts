import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { EndpointMetrics, MetricsRange } from "@/lib/domain/endpoints";
import { api, ok } from "../api";
import { endpointKeys } from "./keys";

/** `model`: one served model (the base, or `<base>:<adapter>`); null for the whole endpoint. */
export function useEndpointMetrics(slug: string, id: string, range: MetricsRange, model: string | null = null) {
  return useQuery({
    queryKey: endpointKeys.metrics(slug, id, range, model),
    queryFn: () => ok<EndpointMetrics>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/metrics", { params: { path: { org: slug, id }, query: { range, ...(model === null ? {} : { model }) } } })),
    refetchInterval: range === "hour" ? 5000 : 60_000,
    placeholderData: keepPreviousData,
  });
}
