import "server-only";
import { and, eq } from "drizzle-orm";
import { budgets } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { UpdateBudgetInput, type Budget } from "@/lib/domain/billing-api";
import { AppError, notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertMayChooseSoftAction } from "./budget-mutations";
import { evaluateOrgBudgets } from "./evaluate-org-budgets";
import { getBudget } from "./list-budgets";

/**
 * Changes a budget. A new amount or new thresholds start this month's alerts afresh (what was
 * reported against the old terms says nothing about the new ones); a rename does not.
 */
export async function updateBudget(principal: Principal, slug: string, id: string, rawInput: UpdateBudgetInput, now: Date = new Date(), cp?: ControlPlane): Promise<Budget> {
  const input = UpdateBudgetInput.parse(rawInput);
  const { db, access, orgId } = await orgContext(principal, slug, "billing.write");
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(budgets).where(and(eq(budgets.orgId, orgId), eq(budgets.id, id))).for("update");
    if (!row) throw notFound("budget");
    if (input.softAction !== undefined && input.softAction !== row.softAction) assertMayChooseSoftAction(access);
    if (row.costCenterId && input.softAction !== undefined && input.softAction !== "none") {
      throw new AppError("validation_failed", "a cost center's budget cannot scale endpoints down", { field: "softAction" });
    }
    const termsChanged =
      (input.monthlyAmountJpy !== undefined && input.monthlyAmountJpy !== row.monthlyAmountJpy) ||
      (input.thresholds !== undefined && input.thresholds.join(",") !== row.thresholds.join(","));
    const change = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.monthlyAmountJpy !== undefined ? { monthlyAmountJpy: input.monthlyAmountJpy } : {}),
      ...(input.thresholds !== undefined ? { thresholds: input.thresholds } : {}),
      ...(input.softAction !== undefined ? { softAction: input.softAction } : {}),
      ...(termsChanged ? { notifiedMonth: null, notifiedThreshold: null } : {}),
    };
    await tx.update(budgets).set(change).where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)));
    await recordAudit(tx, principal, orgId, {
      action: "budget.update",
      targetType: "budget",
      targetId: id,
      data: {
        before: { name: row.name, monthlyAmountJpy: row.monthlyAmountJpy, thresholds: row.thresholds, softAction: row.softAction },
        after: { name: change.name ?? row.name, monthlyAmountJpy: change.monthlyAmountJpy ?? row.monthlyAmountJpy, thresholds: change.thresholds ?? row.thresholds, softAction: change.softAction ?? row.softAction },
      },
    });
  });
  await evaluateOrgBudgets(db, orgId, now, cp);
  return getBudget(principal, slug, id, now);
}
