import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateApiTokenInput, type CreatedApiToken } from "@/lib/domain/api-tokens";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/services/api-tokens/list-api-tokens";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listApiTokens(principal, params.org)));

// The secret is shown once: an Idempotency-Key replay answers with `secret: null` (never stored).
export const POST = apiRoute({ params: OrgParams, body: CreateApiTokenInput, idempotent: { secretFields: ["secret"] } }, async ({ principal, params, body, idempotency }) => {
  const respond = (token: CreatedApiToken) => created(token, `/api/v1/orgs/${params.org}/api-tokens/${token.id}`);
  return respond(await createApiToken(principal, params.org, body, { outcome: idempotency.recorder(respond) }));
});
