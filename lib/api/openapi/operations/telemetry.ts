import { OrgParams } from "../../params";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { EndpointParams } from "@/lib/domain/endpoints-api";
import { ClusterEvents, ClusterTelemetryQuery, IdleGpuFindings, IdleGpuQuery, TelemetryQuery, TelemetrySeries } from "@/lib/domain/telemetry";
import type { ApiOperation } from "../types";

// GPU telemetry (DCGM fields rolled up), idle-GPU findings, the hardware health timeline and a
// Prometheus scrape target per cluster.

const tag = "GPU telemetry";
const clusters = "/api/v1/orgs/{org}/clusters/{id}";

export const telemetryOperations: ApiOperation[] = [
  { method: "get", path: `${clusters}/telemetry`, operationId: "getClusterTelemetry", summary: "GPU utilisation, memory, power and temperature of a cluster (or one node: nodeId) over the last hour (1-minute points), day (5-minute) or week (hourly)", tag, params: ClusterParams, query: ClusterTelemetryQuery, responses: { 200: { description: "Time series", schema: TelemetrySeries } } },
  { method: "get", path: `${clusters}/events`, operationId: "listClusterEvents", summary: "Hardware health timeline (faults such as XID 79, cordons, node replacements with the new GPU serials), newest first, and this month's availability", tag, params: ClusterParams, responses: { 200: { description: "Events and availability", schema: ClusterEvents } } },
  { method: "get", path: `${clusters}/metrics/prometheus`, operationId: "getClusterPrometheusMetrics", summary: "Prometheus text exposition (0.0.4) of the cluster's GPUs, latest sample window, with dcgm-exporter metric names and labels; scrape it with an API token holding clusters.read", tag, params: ClusterParams, responses: { 200: { description: "Prometheus text", contentType: "text/plain; version=0.0.4" } } },
  { method: "get", path: "/api/v1/orgs/{org}/endpoints/{id}/telemetry", operationId: "getEndpointTelemetry", summary: "GPU utilisation, memory, power and temperature of an endpoint's replicas", tag, params: EndpointParams, query: TelemetryQuery, responses: { 200: { description: "Time series", schema: TelemetrySeries } } },
  { method: "get", path: "/api/v1/orgs/{org}/idle-gpus", operationId: "listIdleGpuFindings", summary: "Cluster GPUs under 5 % utilisation for the whole idle window (6 hours by default), grouped by node pool, with their list price over the window in yen", tag, params: OrgParams, query: IdleGpuQuery, responses: { 200: { description: "Findings", schema: IdleGpuFindings } } },
];
