import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateApprovalDelegationInput } from "@/lib/domain/approvals";
import { createApprovalDelegation, listApprovalDelegations } from "@/lib/services/approvals/approval-delegations";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listApprovalDelegations(principal, params.org), nextCursor: null }));

export const POST = apiRoute({ params: OrgParams, body: CreateApprovalDelegationInput, idempotent: true }, async ({ principal, params, body }) => {
  const delegation = await createApprovalDelegation(principal, params.org, body);
  return created(delegation, `/api/v1/orgs/${params.org}/approval-delegations/${delegation.id}`);
});
