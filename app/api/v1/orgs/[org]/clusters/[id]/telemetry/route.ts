import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { ClusterTelemetryQuery } from "@/lib/domain/telemetry";
import { getClusterTelemetry } from "@/lib/services/telemetry/get-cluster-telemetry";

export const GET = apiRoute({ params: ClusterParams, query: ClusterTelemetryQuery }, async ({ principal, params, query }) => ok(await getClusterTelemetry(principal, params.org, params.id, query)));
