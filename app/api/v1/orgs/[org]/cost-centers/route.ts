import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CostCenterListQuery, CreateCostCenterInput } from "@/lib/domain/cost-centers";
import { createCostCenter } from "@/lib/services/cost-centers/create-cost-center";
import { listCostCenters } from "@/lib/services/cost-centers/list-cost-centers";

export const GET = apiRoute({ params: OrgParams, query: CostCenterListQuery }, async ({ principal, params, query }) =>
  ok(await listCostCenters(principal, params.org, { includeArchived: query.includeArchived === "true" })),
);

export const POST = apiRoute({ params: OrgParams, body: CreateCostCenterInput, idempotent: true }, async ({ principal, params, body }) => {
  const center = await createCostCenter(principal, params.org, body);
  return created(center, `/api/v1/orgs/${params.org}/cost-centers/${center.id}`);
});
