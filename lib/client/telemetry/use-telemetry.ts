import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { ClusterEvents, IdleGpuFindings, TelemetryRange, TelemetrySeries } from "@/lib/domain/telemetry";
import { api, ok } from "../api";
import { telemetryKeys } from "./keys";


export function useClusterTelemetry(slug: string, id: string, range: TelemetryRange, nodeId: string | null) {
  return useQuery({
    queryKey: telemetryKeys.cluster(slug, id, range, nodeId),
    queryFn: ({ signal }) => ok<TelemetrySeries>(api.GET("/api/v1/orgs/{org}/clusters/{id}/telemetry", { params: { path: { org: slug, id }, query: { range, nodeId: nodeId || undefined } }, signal })),
    refetchInterval: range === "1h" ? 15_000 : 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useEndpointTelemetry(slug: string, id: string, range: TelemetryRange) {
  return useQuery({
    queryKey: telemetryKeys.endpoint(slug, id, range),
    queryFn: ({ signal }) => ok<TelemetrySeries>(api.GET("/api/v1/orgs/{org}/endpoints/{id}/telemetry", { params: { path: { org: slug, id }, query: { range } }, signal })),
    refetchInterval: range === "1h" ? 15_000 : 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useClusterEvents(slug: string, id: string) {
  return useQuery({
    queryKey: telemetryKeys.events(slug, id),
    queryFn: ({ signal }) => ok<ClusterEvents>(api.GET("/api/v1/orgs/{org}/clusters/{id}/events", { params: { path: { org: slug, id } }, signal })),
    refetchInterval: 10_000,
  });
}

export function useIdleGpus(slug: string, clusterId: string | null) {
  return useQuery({
    queryKey: telemetryKeys.idle(slug, clusterId),
    queryFn: ({ signal }) => ok<IdleGpuFindings>(api.GET("/api/v1/orgs/{org}/idle-gpus", { params: { path: { org: slug }, query: { clusterId: clusterId || undefined } }, signal })),
    refetchInterval: 60_000,
  });
}
