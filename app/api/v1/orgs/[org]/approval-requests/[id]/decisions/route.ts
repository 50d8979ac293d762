import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { DecideApprovalRequestInput } from "@/lib/domain/approval-requests";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { decideApprovalRequest } from "@/lib/services/approvals/decide-approval-request";

// 承認・却下 of the stage the request awaits. The last approval runs the order at once (the answer
// shows it executed, or refused with its reason); a retry under the same Idempotency-Key replays the answer.
export const POST = apiRoute({ params: OrgIdParams, body: DecideApprovalRequestInput, idempotent: true }, async ({ principal, params, body }) => ok(await decideApprovalRequest(await processControlPlane(), principal, params.org, params.id, body)));
