import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf } from "@/lib/api/operation-accepted";
import { orderAccepted, type HeldOrOrdered } from "@/lib/api/approval-accepted";
import { OrgParams } from "@/lib/api/params";
import { CreateEndpointInput, EndpointListQuery } from "@/lib/domain/endpoints";
import { orderEndpoint } from "@/lib/services/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/services/endpoints/list-endpoints";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams, query: EndpointListQuery }, async ({ principal, params, query }) => ok(await listEndpoints(principal, params.org, query)));

// 202 with the Operation, or — when a 稟議 rule applies — with the approval request the order waits in.
export const POST = apiRoute({ params: OrgParams, body: CreateEndpointInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (order: HeldOrOrdered) => orderAccepted(params.org, order);
  return respond(await orderEndpoint(await processControlPlane(), principal, params.org, body, { ...idempotencyKeyOf(request), outcome: idempotency.recorder(respond) }));
});
