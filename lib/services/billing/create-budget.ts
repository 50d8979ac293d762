import "server-only";
import { createBudget as insertBudget } from "@/lib/billing";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { CreateBudgetInput, type Budget } from "@/lib/domain/billing-api";
import { jstMonthOf } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { loadCostCenter } from "../cost-centers/cost-center-records";
import { recordAudit } from "../audit/record";
import { assertMayChooseSoftAction } from "./budget-mutations";
import { evaluateOrgBudgets } from "./evaluate-org-budgets";
import { getBudget } from "./list-budgets";

/** A monthly budget with alert thresholds; spend already past a threshold is reported at once. */
export async function createBudget(principal: Principal, slug: string, rawInput: CreateBudgetInput, now: Date = new Date(), cp?: ControlPlane): Promise<Budget> {
  const input = CreateBudgetInput.parse(rawInput);
  const { db, access, orgId } = await orgContext(principal, slug, "billing.write");
  if (input.softAction !== "none") assertMayChooseSoftAction(access);
  if (input.costCenterId) {
    await loadCostCenter(db, orgId, input.costCenterId).catch(() => {
      throw new AppError("validation_failed", "unknown cost center", { field: "costCenterId" });
    });
    // The soft action scales every endpoint of the org: not a department's call.
    if (input.softAction !== "none") throw new AppError("validation_failed", "a cost center's budget cannot scale endpoints down", { field: "softAction" });
  }
  const row = await db.transaction(async (tx) => {
    const created = await insertBudget(tx, orgId, input, now);
    await recordAudit(tx, principal, orgId, {
      action: "budget.create",
      targetType: "budget",
      targetId: created.id,
      data: { name: input.name, costCenterId: input.costCenterId ?? null, monthlyAmountJpy: input.monthlyAmountJpy, thresholds: input.thresholds, softAction: input.softAction, month: jstMonthOf(now) },
    });
    return created;
  });
  await evaluateOrgBudgets(db, orgId, now, cp);
  return getBudget(principal, slug, row.id, now);
}
