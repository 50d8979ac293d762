import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateApprovalPolicyInput } from "@/lib/domain/approvals";
import { createApprovalPolicy, listApprovalPolicies } from "@/lib/services/approvals/approval-policies";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listApprovalPolicies(principal, params.org), nextCursor: null }));

export const POST = apiRoute({ params: OrgParams, body: CreateApprovalPolicyInput, idempotent: true }, async ({ principal, params, body }) => {
  const policy = await createApprovalPolicy(principal, params.org, body);
  return created(policy, `/api/v1/orgs/${params.org}/approval-policies/${policy.id}`);
});
