import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CostCenterPolicy } from "@/lib/domain/cost-centers";
import { getCostCenterPolicy, putCostCenterPolicy } from "@/lib/services/cost-centers/cost-center-policy";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await getCostCenterPolicy(principal, params.org)));

export const PUT = apiRoute({ params: OrgParams, body: CostCenterPolicy }, async ({ principal, params, body }) => ok(await putCostCenterPolicy(principal, params.org, body)));
