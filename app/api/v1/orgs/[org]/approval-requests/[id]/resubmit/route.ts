import { apiRoute } from "@/lib/api/route";
import { OrgIdParams } from "@/lib/api/params";
import { idempotencyKeyOf } from "@/lib/api/operation-accepted";
import { orderAccepted, type HeldOrOrdered } from "@/lib/api/approval-accepted";
import { ResubmitApprovalRequestInput } from "@/lib/domain/approval-requests";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { resubmitApprovalRequest } from "@/lib/services/approvals/resubmit-approval-request";

// 再申請: the same order through the same create service; 202 with the new request (or, if no rule
// applies any more, with the operation).
export const POST = apiRoute({ params: OrgIdParams, body: ResubmitApprovalRequestInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (order: HeldOrOrdered) => orderAccepted(params.org, order);
  return respond(await resubmitApprovalRequest(await processControlPlane(), principal, params.org, params.id, body, { ...idempotencyKeyOf(request), outcome: idempotency.recorder(respond) }));
});
