import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { budgets } from "@/lib/db/schema";
import { BudgetInput, floorYen, jstMonthOf, newlyCrossedThresholds, toSafeNumber } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { monthToDateByCostCenter, monthToDateRu } from "./month-to-date";

// Budgets: spend this JST month (excl. tax, after discounts) against a monthly amount. Each
// threshold crossing is reported once per month: the highest reported threshold is stored on
// the budget row, updated under a row lock in the same transaction that decides what to report.

export interface BudgetAlert {
  budgetId: string;
  name: string;
  month: string;
  thresholdPercent: number;
  monthlyAmountJpy: number;
  spentJpy: number;
  /** The soft action to take now (only at 100 % or more, and only if the budget asks for one). */
  softAction: "scale_endpoints_to_min" | null;
}

export async function createBudget(db: DbOrTx, orgId: string, input: BudgetInput, now: Date = new Date()) {
  const parsed = BudgetInput.safeParse(input);
  if (!parsed.success) throw new AppError("validation_failed", "invalid budget", { issues: parsed.error.issues });
  const [row] = await db
    .insert(budgets)
    .values({ id: newId("budget", now.getTime()), orgId, name: parsed.data.name, monthlyAmountJpy: parsed.data.monthlyAmountJpy, thresholds: parsed.data.thresholds, softAction: parsed.data.softAction, costCenterId: parsed.data.costCenterId ?? null, createdAt: now })
    .returning();
  return row;
}

/** Thresholds newly crossed this month, across the org's budgets; each is returned only once. */
export async function evaluateBudgets(db: DbOrTx, orgId: string, now: Date): Promise<BudgetAlert[]> {
  const month = jstMonthOf(now);
  const { ratedRu: orgRu } = await monthToDateRu(db, orgId, now);
  const byCenter = await monthToDateByCostCenter(db, orgId, now);
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(budgets).where(eq(budgets.orgId, orgId)).orderBy(budgets.id).for("update");
    const alerts: BudgetAlert[] = [];
    for (const b of rows) {
      // A 部門予算 counts only its cost center's spend.
      const ratedRu = b.costCenterId === null ? orgRu : (byCenter.get(b.costCenterId) ?? 0n);
      const spentJpy = toSafeNumber(floorYen(ratedRu));
      const last = b.notifiedMonth === month ? b.notifiedThreshold : null;
      const crossed = newlyCrossedThresholds(b.thresholds, b.monthlyAmountJpy, ratedRu, last);
      if (crossed.length === 0) continue;
      await tx
        .update(budgets)
        .set({ notifiedMonth: month, notifiedThreshold: crossed[crossed.length - 1] })
        .where(and(eq(budgets.orgId, orgId), eq(budgets.id, b.id)));
      for (const t of crossed) {
        alerts.push({
          budgetId: b.id,
          name: b.name,
          month,
          thresholdPercent: t,
          monthlyAmountJpy: b.monthlyAmountJpy,
          spentJpy,
          softAction: t >= 100 && b.softAction === "scale_endpoints_to_min" ? "scale_endpoints_to_min" : null,
        });
      }
    }
    return alerts;
  });
}
