import { apiRoute } from "@/lib/api/route";
import { noContent, ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { UpdateBudgetInput } from "@/lib/domain/billing-api";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { deleteBudget } from "@/lib/services/billing/delete-budget";
import { getBudget } from "@/lib/services/billing/list-budgets";
import { updateBudget } from "@/lib/services/billing/update-budget";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getBudget(principal, params.org, params.id)));

export const PATCH = apiRoute({ params: OrgIdParams, body: UpdateBudgetInput }, async ({ principal, params, body }) => ok(await updateBudget(principal, params.org, params.id, body, new Date(), await processControlPlane())));

export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => {
  await deleteBudget(principal, params.org, params.id);
  return noContent();
});
