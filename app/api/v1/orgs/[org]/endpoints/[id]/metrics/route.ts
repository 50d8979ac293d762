import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { EndpointMetricsQuery } from "@/lib/domain/endpoints";
import { getEndpointMetrics } from "@/lib/services/endpoints/get-endpoint-metrics";
import { EndpointParams } from "@/lib/domain/endpoints-api";

export const GET = apiRoute({ params: EndpointParams, query: EndpointMetricsQuery }, async ({ principal, params, query }) => ok(await getEndpointMetrics(principal, params.org, params.id, query)));
