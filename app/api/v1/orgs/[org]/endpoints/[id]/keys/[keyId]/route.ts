import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { UpdateEndpointKeyInput } from "@/lib/domain/endpoint-key-usage";
import { revokeEndpointKey } from "@/lib/services/endpoints/revoke-endpoint-key";
import { updateEndpointKey } from "@/lib/services/endpoints/update-endpoint-key";
import { EndpointKeyParams } from "@/lib/domain/endpoints-api";

export const PATCH = apiRoute({ params: EndpointKeyParams, body: UpdateEndpointKeyInput }, async ({ principal, params, body }) => ok(await updateEndpointKey(principal, params.org, params.id, params.keyId, body)));

export const DELETE = apiRoute({ params: EndpointKeyParams }, async ({ principal, params }) => {
  await revokeEndpointKey(principal, params.org, params.id, params.keyId);
  return noContent();
});
