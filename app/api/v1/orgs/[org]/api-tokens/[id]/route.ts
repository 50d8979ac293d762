import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { revokeApiToken } from "@/lib/services/api-tokens/revoke-api-token";

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await revokeApiToken(principal, params.org, params.id);
  return noContent();
});
