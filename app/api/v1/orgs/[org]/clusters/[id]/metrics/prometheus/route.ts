import { apiRoute } from "@/lib/api/route";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { PROMETHEUS_CONTENT_TYPE } from "@/lib/domain/prometheus-text";
import { getClusterPrometheus } from "@/lib/services/telemetry/get-cluster-prometheus";

export const GET = apiRoute({ params: ClusterParams }, async ({ principal, params }) => {
  const text = await getClusterPrometheus(principal, params.org, params.id);
  return new Response(text, { status: 200, headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
});
