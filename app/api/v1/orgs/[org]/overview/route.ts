import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { getOverview } from "@/lib/services/overview/get-overview";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getOverview(principal, params.org)));
