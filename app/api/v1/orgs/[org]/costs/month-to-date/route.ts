import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { getMonthToDate } from "@/lib/services/billing/get-month-to-date";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getMonthToDate(principal, params.org)));
