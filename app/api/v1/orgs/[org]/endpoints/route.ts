import { apiRoute } from "@/lib/api/route";
import { accepted, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateEndpointInput, EndpointListQuery } from "@/lib/domain/endpoints";
import { createEndpoint } from "@/lib/services/endpoints/create-endpoint";
import { listEndpoints } from "@/lib/services/endpoints/list-endpoints";

export const GET = apiRoute({ params: OrgParams, query: EndpointListQuery }, async ({ principal, params, query }) => ok(await listEndpoints(principal, params.org, query)));

export const POST = apiRoute({ params: OrgParams, body: CreateEndpointInput, idempotent: true }, async ({ principal, params, body }) => {
  const endpoint = await createEndpoint(principal, params.org, body);
  return accepted(endpoint, `/api/v1/orgs/${params.org}/endpoints/${endpoint.id}/operations/${endpoint.operation?.id}`);
});
