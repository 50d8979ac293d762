import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { UpdateIdentityProviderInput } from "@/lib/domain/sso";
import { deleteIdentityProvider } from "@/lib/services/sso/delete-identity-provider";
import { updateIdentityProvider } from "@/lib/services/sso/update-identity-provider";

export const PATCH = apiRoute({ params: OrgIdParams, body: UpdateIdentityProviderInput }, async ({ principal, params, body }) =>
  ok(await updateIdentityProvider(principal, params.org, params.id, body)),
);

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await deleteIdentityProvider(principal, params.org, params.id);
  return noContent();
});
