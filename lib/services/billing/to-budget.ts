import "server-only";
import type { budgets } from "@/lib/db/schema";
import type { Budget } from "@/lib/domain/billing-api";

/** Percent of a budget used, to one decimal (display; alerts compare exact amounts in the engine). */
export function percentOf(spentJpy: number, amountJpy: number): number {
  return amountJpy > 0 ? Math.floor((spentJpy * 1000) / amountJpy) / 10 : 0;
}

export function toBudget(row: typeof budgets.$inferSelect, month: string, spentJpy: number): Budget {
  return {
    id: row.id,
    name: row.name,
    monthlyAmountJpy: row.monthlyAmountJpy,
    thresholds: row.thresholds,
    softAction: row.softAction === "scale_endpoints_to_min" ? "scale_endpoints_to_min" : "none",
    costCenterId: row.costCenterId,
    month,
    spentJpy,
    percentUsed: percentOf(spentJpy, row.monthlyAmountJpy),
    notifiedThreshold: row.notifiedMonth === month ? row.notifiedThreshold : null,
    createdAt: row.createdAt.toISOString(),
  };
}
