import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { ScalingEventsQuery } from "@/lib/domain/scaling-events";
import { EndpointParams } from "@/lib/domain/endpoints-api";
import { listScalingEvents } from "@/lib/services/endpoints/list-scaling-events";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: EndpointParams, query: ScalingEventsQuery }, async ({ principal, params, query }) =>
  ok(await listScalingEvents(await processControlPlane(), principal, params.org, params.id, query)),
);
