import { apiRoute } from "@/lib/api/route";
import { accepted, ok } from "@/lib/api/responses";
import { UpdateEndpointInput } from "@/lib/domain/endpoints";
import { deleteEndpoint } from "@/lib/services/endpoints/delete-endpoint";
import { getEndpoint } from "@/lib/services/endpoints/get-endpoint";
import { updateEndpoint } from "@/lib/services/endpoints/update-endpoint";
import { EndpointParams } from "@/lib/domain/endpoints-api";

const operationUrl = (org: string, id: string, operationId: string | undefined) => `/api/v1/orgs/${org}/endpoints/${id}/operations/${operationId ?? ""}`;

export const GET = apiRoute({ params: EndpointParams }, async ({ principal, params }) => ok(await getEndpoint(principal, params.org, params.id)));

export const PATCH = apiRoute({ params: EndpointParams, body: UpdateEndpointInput }, async ({ principal, params, body }) => {
  const endpoint = await updateEndpoint(principal, params.org, params.id, body);
  return accepted(endpoint, operationUrl(params.org, params.id, endpoint.operation?.id));
});

export const DELETE = apiRoute({ params: EndpointParams }, async ({ principal, params }) => {
  const endpoint = await deleteEndpoint(principal, params.org, params.id);
  return accepted(endpoint, operationUrl(params.org, params.id, endpoint.operation?.id));
});
