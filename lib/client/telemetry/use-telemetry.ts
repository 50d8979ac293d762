import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ClusterEvents, IdleGpuFindings, TelemetryRange, TelemetrySeries } from "@/lib/domain/telemetry";
import { apiFetch } from "../api-fetch";
import { telemetryKeys } from "./keys";

const org = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}`;

export function useClusterTelemetry(slug: string, id: string, range: TelemetryRange, nodeId: string | null) {
  return useQuery({
    queryKey: telemetryKeys.cluster(slug, id, range, nodeId),
    queryFn: ({ signal }) => apiFetch<TelemetrySeries>(`${org(slug)}/clusters/${id}/telemetry?range=${range}${nodeId ? `&nodeId=${encodeURIComponent(nodeId)}` : ""}`, { signal }),
    refetchInterval: range === "1h" ? 15_000 : 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useEndpointTelemetry(slug: string, id: string, range: TelemetryRange) {
  return useQuery({
    queryKey: telemetryKeys.endpoint(slug, id, range),
    queryFn: ({ signal }) => apiFetch<TelemetrySeries>(`${org(slug)}/endpoints/${id}/telemetry?range=${range}`, { signal }),
    refetchInterval: range === "1h" ? 15_000 : 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useClusterEvents(slug: string, id: string) {
  return useQuery({
    queryKey: telemetryKeys.events(slug, id),
    queryFn: ({ signal }) => apiFetch<ClusterEvents>(`${org(slug)}/clusters/${id}/events`, { signal }),
    refetchInterval: 10_000,
  });
}

export function useIdleGpus(slug: string, clusterId: string | null) {
  return useQuery({
    queryKey: telemetryKeys.idle(slug, clusterId),
    queryFn: ({ signal }) => apiFetch<IdleGpuFindings>(`${org(slug)}/idle-gpus${clusterId ? `?clusterId=${clusterId}` : ""}`, { signal }),
    refetchInterval: 60_000,
  });
}
