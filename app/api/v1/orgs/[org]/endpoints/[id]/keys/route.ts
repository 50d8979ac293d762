import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { CreateEndpointKeyInput } from "@/lib/domain/endpoints";
import { createEndpointKey } from "@/lib/services/endpoints/create-endpoint-key";
import { listEndpointKeys } from "@/lib/services/endpoints/list-endpoint-keys";
import { EndpointParams } from "@/lib/domain/endpoints-api";

export const GET = apiRoute({ params: EndpointParams }, async ({ principal, params }) => ok({ items: await listEndpointKeys(principal, params.org, params.id), nextCursor: null }));

export const POST = apiRoute({ params: EndpointParams, body: CreateEndpointKeyInput, idempotent: true }, async ({ principal, params, body }) => {
  const key = await createEndpointKey(principal, params.org, params.id, body);
  return created(key, `/api/v1/orgs/${params.org}/endpoints/${params.id}/keys/${key.id}`);
});
