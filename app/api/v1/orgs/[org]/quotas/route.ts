import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { QuotaQuery } from "@/lib/domain/catalog-api";
import { listQuotas } from "@/lib/services/quota-requests/list-quotas";

export const GET = apiRoute({ params: OrgParams, query: QuotaQuery }, async ({ principal, params, query }) => ok(await listQuotas(principal, params.org, query)));
