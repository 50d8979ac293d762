import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateIdentityProviderInput } from "@/lib/domain/sso";
import { createIdentityProvider } from "@/lib/services/sso/create-identity-provider";
import { listIdentityProviders } from "@/lib/services/sso/list-identity-providers";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listIdentityProviders(principal, params.org)));

export const POST = apiRoute({ params: OrgParams, body: CreateIdentityProviderInput, idempotent: true }, async ({ principal, params, body }) =>
  created(await createIdentityProvider(principal, params.org, body)),
);
