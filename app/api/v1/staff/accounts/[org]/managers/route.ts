import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { AssignManagerInput } from "@/lib/domain/staff";
import { assignAccountManager } from "@/lib/services/staff/assign-account-manager";

export const PUT = apiRoute({ params: OrgParams, body: AssignManagerInput }, async ({ principal, params, body }) => {
  await assignAccountManager(principal, params.org, body);
  return noContent();
});
