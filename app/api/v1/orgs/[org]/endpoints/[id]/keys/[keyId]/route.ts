import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { revokeEndpointKey } from "@/lib/services/endpoints/revoke-endpoint-key";
import { EndpointKeyParams } from "@/lib/domain/endpoints-api";

export const DELETE = apiRoute({ params: EndpointKeyParams }, async ({ principal, params }) => {
  await revokeEndpointKey(principal, params.org, params.id, params.keyId);
  return noContent();
});
