import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { OrgParams } from "@/lib/api/params";
import { CreateEndpointInput, EndpointListQuery } from "@/lib/domain/endpoints";
import { createEndpoint } from "@/lib/services/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/services/endpoints/list-endpoints";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams, query: EndpointListQuery }, async ({ principal, params, query }) => ok(await listEndpoints(principal, params.org, query)));

export const POST = apiRoute({ params: OrgParams, body: CreateEndpointInput, idempotent: true }, async ({ request, principal, params, body }) =>
  operationAccepted(params.org, (await createEndpoint(await processControlPlane(), principal, params.org, body, idempotencyKeyOf(request))).accepted),
);
