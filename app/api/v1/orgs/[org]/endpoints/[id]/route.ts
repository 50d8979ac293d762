import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { UpdateEndpointInput } from "@/lib/domain/endpoints";
import { deleteEndpoint } from "@/lib/services/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/services/endpoints/get-endpoint";
import { updateEndpoint } from "@/lib/services/endpoints/update-endpoint";
import { EndpointParams } from "@/lib/domain/endpoints-api";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: EndpointParams }, async ({ principal, params }) => ok(await getEndpoint(principal, params.org, params.id)));

export const PATCH = apiRoute({ params: EndpointParams, body: UpdateEndpointInput }, async ({ request, principal, params, body }) =>
  operationAccepted(params.org, (await updateEndpoint(await processControlPlane(), principal, params.org, params.id, body, idempotencyKeyOf(request))).accepted),
);

export const DELETE = apiRoute({ params: EndpointParams }, async ({ request, principal, params }) =>
  operationAccepted(params.org, (await deleteEndpoint(await processControlPlane(), principal, params.org, params.id, idempotencyKeyOf(request))).accepted),
);
