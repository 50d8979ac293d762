import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { CreateEndpointKeyInput, type CreatedEndpointKey } from "@/lib/domain/endpoints";
import { createEndpointKey } from "@/lib/services/endpoints/create-endpoint-key";
import { listEndpointKeys } from "@/lib/services/endpoints/list-endpoint-keys";
import { EndpointParams } from "@/lib/domain/endpoints-api";

export const GET = apiRoute({ params: EndpointParams }, async ({ principal, params }) => ok(await listEndpointKeys(principal, params.org, params.id)));

// The secret is shown once: an Idempotency-Key replay answers with `secret: null` (never stored).
export const POST = apiRoute({ params: EndpointParams, body: CreateEndpointKeyInput, idempotent: { secretFields: ["secret"] } }, async ({ principal, params, body, idempotency }) => {
  const respond = (key: CreatedEndpointKey) => created(key, `/api/v1/orgs/${params.org}/endpoints/${params.id}/keys/${key.id}`);
  return respond(await createEndpointKey(principal, params.org, params.id, body, { outcome: idempotency.recorder(respond) }));
});
