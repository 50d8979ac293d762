import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { getQuotaRequest } from "@/lib/services/quota-requests/get-quota-request";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getQuotaRequest(principal, params.org, params.id)));
