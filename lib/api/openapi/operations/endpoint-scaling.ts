import { EndpointParams } from "@/lib/domain/endpoints-api";
import { ScalingEventPage, ScalingEventsQuery } from "@/lib/domain/scaling-events";
import type { ApiOperation } from "../types";

// The autoscaler's decisions per endpoint (its settings are part of the endpoint itself).

export const endpointScalingOperations: ApiOperation[] = [
  {
    method: "get",
    path: "/api/v1/orgs/{org}/endpoints/{id}/scaling-events",
    operationId: "listEndpointScalingEvents",
    summary: "Every replica change of the endpoint, newest first, with its cause and the numbers it was decided on (load, target, delay)",
    tag: "Inference endpoints",
    params: EndpointParams,
    query: ScalingEventsQuery,
    responses: { 200: { description: "Scaling events", schema: ScalingEventPage } },
  },
];
