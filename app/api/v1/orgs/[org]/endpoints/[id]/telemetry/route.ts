import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { EndpointParams } from "@/lib/domain/endpoints-api";
import { TelemetryQuery } from "@/lib/domain/telemetry";
import { getEndpointTelemetry } from "@/lib/services/telemetry/get-endpoint-telemetry";

export const GET = apiRoute({ params: EndpointParams, query: TelemetryQuery }, async ({ principal, params, query }) => ok(await getEndpointTelemetry(principal, params.org, params.id, query)));
