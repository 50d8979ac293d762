import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { getStaffAccount } from "@/lib/services/staff/get-account";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getStaffAccount(principal, params.org)));
