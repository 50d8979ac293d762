import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { getApprovalRequest } from "@/lib/services/approvals/list-approval-requests";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getApprovalRequest(principal, params.org, params.id)));
