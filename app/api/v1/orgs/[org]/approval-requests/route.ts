import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ApprovalRequestListQuery } from "@/lib/domain/approval-requests";
import { listApprovalRequests } from "@/lib/services/approvals/list-approval-requests";

// 稟議 are created by the orders a rule holds (POST /clusters answers 202 with one), never here.
export const GET = apiRoute({ params: OrgParams, query: ApprovalRequestListQuery }, async ({ principal, params, query }) => ok(await listApprovalRequests(principal, params.org, query)));
