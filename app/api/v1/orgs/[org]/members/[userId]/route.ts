import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { OrgUserParams } from "@/lib/api/params";
import { UpdateMemberInput } from "@/lib/domain/orgs";
import { removeMember } from "@/lib/services/members/remove-member";
import { updateMemberRole } from "@/lib/services/members/update-member-role";

export const PATCH = apiRoute({ params: OrgUserParams, body: UpdateMemberInput }, async ({ principal, params, body }) =>
  ok(await updateMemberRole(principal, params.org, params.userId, body)),
);

export const DELETE = apiRoute({ params: OrgUserParams }, async ({ principal, params }) => {
  await removeMember(principal, params.org, params.userId);
  return noContent();
});
