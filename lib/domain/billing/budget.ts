import { z } from "zod";
import { RU_PER_YEN } from "./units";

// Monthly budgets with alert thresholds in percent. Each threshold is reported once per JST
// month, the first time spend reaches it. At 100 % an optional soft action may scale endpoints to
// their minimum; a budget never deletes a customer's work.

export const BUDGET_SOFT_ACTIONS = ["none", "scale_endpoints_to_min"] as const;

export const BudgetInput = z.object({
  name: z.string().trim().min(1).max(100),
  monthlyAmountJpy: z.number().int().positive(),
  thresholds: z
    .array(z.number().int().min(1).max(1000))
    .min(1)
    .max(10)
    .transform((t) => [...new Set(t)].sort((a, b) => a - b))
    .default([50, 80, 100]),
  softAction: z.enum(BUDGET_SOFT_ACTIONS).default("none"),
  costCenterId: z.string().max(64).nullable().optional(),
});
export type BudgetInput = z.input<typeof BudgetInput>;
export type BudgetTerms = z.output<typeof BudgetInput>;

/**
 * Thresholds reached by `spentRu` (exact, excl. tax) that were not reported yet this month.
 * `lastNotified` is the highest threshold reported in the same month, or null.
 * Exact comparison: spent × 100 ≥ threshold × amount, all in ru.
 */
export function newlyCrossedThresholds(
  thresholds: readonly number[],
  monthlyAmountJpy: number,
  spentRu: bigint,
  lastNotified: number | null,
): number[] {
  const budgetRu = BigInt(monthlyAmountJpy) * RU_PER_YEN;
  return [...thresholds]
    .sort((a, b) => a - b)
    .filter((t) => (lastNotified === null || t > lastNotified) && spentRu * 100n >= BigInt(t) * budgetRu);
}
