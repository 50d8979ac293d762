import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { SetCostAllocationInput } from "@/lib/domain/cost-centers";
import { getCostAllocation, setCostAllocation } from "@/lib/services/cost-centers/set-cost-allocation";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getCostAllocation(principal, params.org, params.id)));

export const PUT = apiRoute({ params: OrgIdParams, body: SetCostAllocationInput }, async ({ principal, params, body }) => ok(await setCostAllocation(principal, params.org, params.id, body)));
