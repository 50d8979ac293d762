import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { EndpointMetrics, MetricsRange } from "@/lib/domain/endpoints";
import { apiFetch } from "../api-fetch";
import { endpointKeys } from "./keys";

export function useEndpointMetrics(slug: string, id: string, range: MetricsRange) {
  return useQuery({
    queryKey: endpointKeys.metrics(slug, id, range),
    queryFn: () => apiFetch<EndpointMetrics>(`/api/v1/orgs/${encodeURIComponent(slug)}/endpoints/${id}/metrics?range=${range}`),
    refetchInterval: range === "hour" ? 5000 : 60_000,
    placeholderData: keepPreviousData,
  });
}
