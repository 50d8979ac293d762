import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { DateRangeQuery } from "@/lib/domain/billing-api";
import { getUsage } from "@/lib/services/billing/get-usage";

export const GET = apiRoute({ params: OrgParams, query: DateRangeQuery }, async ({ principal, params, query }) => ok(await getUsage(principal, params.org, query)));
