import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { revokeInvitation } from "@/lib/services/invitations/revoke-invitation";

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await revokeInvitation(principal, params.org, params.id);
  return noContent();
});
