import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { UpdateApprovalPolicyInput } from "@/lib/domain/approvals";
import { deleteApprovalPolicy, getApprovalPolicy, updateApprovalPolicy } from "@/lib/services/approvals/approval-policies";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getApprovalPolicy(principal, params.org, params.id)));

export const PATCH = apiRoute({ params: OrgIdParams, body: UpdateApprovalPolicyInput }, async ({ principal, params, body }) => ok(await updateApprovalPolicy(principal, params.org, params.id, body)));

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await deleteApprovalPolicy(principal, params.org, params.id);
  return noContent();
});
