import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { orderAccepted } from "@/lib/api/approval-accepted";
import { UpdateEndpointInput } from "@/lib/domain/endpoints";
import { deleteEndpoint } from "@/lib/services/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/services/endpoints/get-endpoint";
import { orderEndpointUpdate } from "@/lib/services/endpoints/update-endpoint";
import { EndpointParams } from "@/lib/domain/endpoints-api";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: EndpointParams }, async ({ principal, params }) => ok(await getEndpoint(principal, params.org, params.id)));

// A scale-up a 稟議 rule applies to answers 202 with the approval request instead of the Operation.
export const PATCH = apiRoute({ params: EndpointParams, body: UpdateEndpointInput }, async ({ request, principal, params, body }) =>
  orderAccepted(params.org, await orderEndpointUpdate(await processControlPlane(), principal, params.org, params.id, body, idempotencyKeyOf(request))),
);

export const DELETE = apiRoute({ params: EndpointParams }, async ({ request, principal, params }) =>
  operationAccepted(params.org, (await deleteEndpoint(await processControlPlane(), principal, params.org, params.id, idempotencyKeyOf(request))).accepted),
);
