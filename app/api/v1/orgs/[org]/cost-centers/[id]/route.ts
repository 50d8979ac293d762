import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { UpdateCostCenterInput } from "@/lib/domain/cost-centers";
import { getCostCenter } from "@/lib/services/cost-centers/list-cost-centers";
import { updateCostCenter } from "@/lib/services/cost-centers/update-cost-center";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getCostCenter(principal, params.org, params.id)));

export const PATCH = apiRoute({ params: OrgIdParams, body: UpdateCostCenterInput }, async ({ principal, params, body }) => ok(await updateCostCenter(principal, params.org, params.id, body)));
