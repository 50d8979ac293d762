import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateApiTokenInput } from "@/lib/domain/api-tokens";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { listApiTokens } from "@/lib/services/api-tokens/list-api-tokens";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listApiTokens(principal, params.org), nextCursor: null }));

export const POST = apiRoute({ params: OrgParams, body: CreateApiTokenInput, idempotent: true }, async ({ principal, params, body }) => {
  const token = await createApiToken(principal, params.org, body);
  return created(token, `/api/v1/orgs/${params.org}/api-tokens/${token.id}`);
});
