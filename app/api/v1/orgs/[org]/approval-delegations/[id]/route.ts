import { apiRoute } from "@/lib/api/route";
import { noContent } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { revokeApprovalDelegation } from "@/lib/services/approvals/approval-delegations";

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await revokeApprovalDelegation(principal, params.org, params.id);
  return noContent();
});
