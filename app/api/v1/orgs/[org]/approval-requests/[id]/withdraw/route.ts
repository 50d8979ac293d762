import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { withdrawApprovalRequest } from "@/lib/services/approvals/decide-approval-request";

export const POST = apiRoute({ params: OrgIdParams, idempotent: true }, async ({ principal, params }) => ok(await withdrawApprovalRequest(principal, params.org, params.id)));
