import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { CreateBudgetInput } from "@/lib/domain/billing-api";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { createBudget } from "@/lib/services/billing/create-budget";
import { listBudgets } from "@/lib/services/billing/list-budgets";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listBudgets(principal, params.org)));

export const POST = apiRoute({ params: OrgParams, body: CreateBudgetInput, idempotent: true }, async ({ principal, params, body }) => {
  const budget = await createBudget(principal, params.org, body, new Date(), await processControlPlane());
  return created(budget, `/api/v1/orgs/${params.org}/budgets/${budget.id}`);
});
