import "server-only";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import type { ControlPlane } from "@/lib/control-plane";
import { budgets, orgs } from "@/lib/db/schema";
import { evaluateBudgets, type BudgetAlert } from "@/lib/billing";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import type { OperationRow } from "../operations/adapter";
import { submitRecorded } from "../operations/run-operations";
import { wakeOperationsRunner } from "../operations/wake-runner";
import { recordAudit } from "../audit/record";
import { notifyOrgRoles } from "../notifications/notify";
import { scaleEndpointsToMinimum } from "./scale-endpoints-to-minimum";

// After new usage (or a budget change): which thresholds did this month's spend just cross? The
// engine decides each crossing once, under a row lock; the notification to the org's billing and
// owner members and the audit entry commit in the same transaction, so a crash cannot lose the
// news of a crossing nor report it twice. One notification per budget per evaluation (its highest
// new threshold): spend that jumps past 50, 80 and 100 % at once is one piece of news. A soft
// action's endpoint changes are recorded in that transaction too, as operations (see
// scale-endpoints-to-minimum.ts); with a control plane given they are submitted after the commit,
// otherwise the operations runner, woken, submits them.

export interface BudgetEvaluation {
  alerts: BudgetAlert[];
  /** Endpoints scaled down by a soft action in this evaluation. */
  scaledEndpoints: string[];
}

/** The budget as the actor of its soft action: a system actor whose id and name are the budget's. */
function budgetActor(system: Principal, alert: BudgetAlert): Principal {
  return { ...system, userId: alert.budgetId, name: `budget ${alert.name}` };
}

export async function evaluateOrgBudgets(db: Db, orgId: string, now: Date = new Date(), cp?: ControlPlane): Promise<BudgetEvaluation> {
  const [org] = await db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, orgId));
  if (!org) return { alerts: [], scaledEndpoints: [] };
  const system = systemPrincipal({ requestId: `budget-eval-${now.getTime()}` });
  const softActions: OperationRow[] = [];
  const alerts = await db.transaction(async (tx) => {
    const crossed = await evaluateBudgets(tx, orgId, now);
    const highest = new Map<string, BudgetAlert>();
    for (const a of crossed) if ((highest.get(a.budgetId)?.thresholdPercent ?? -1) < a.thresholdPercent) highest.set(a.budgetId, a);
    for (const a of highest.values()) {
      const softAction = crossed.some((c) => c.budgetId === a.budgetId && c.softAction);
      await notifyOrgRoles(
        tx,
        orgId,
        ["billing", "owner"],
        {
          category: "budget",
          titleKey: "budgetThreshold.title",
          bodyKey: softAction ? "budgetThreshold.bodyWithSoftAction" : "budgetThreshold.body",
          params: { budget: a.name, threshold: a.thresholdPercent, spentJpy: a.spentJpy, amountJpy: a.monthlyAmountJpy, month: a.month },
          link: `/${org.slug}/billing/budgets`,
          dedupeKey: `budget:${a.budgetId}:${a.month}:${a.thresholdPercent}`,
        },
        now,
      );
      await recordAudit(tx, system, orgId, {
        action: "budget.threshold_crossed",
        targetType: "budget",
        targetId: a.budgetId,
        data: { month: a.month, thresholds: crossed.filter((c) => c.budgetId === a.budgetId).map((c) => c.thresholdPercent), spentJpy: a.spentJpy, monthlyAmountJpy: a.monthlyAmountJpy },
      });
    }
    for (const a of crossed) {
      if (a.softAction !== "scale_endpoints_to_min") continue;
      const recorded = await scaleEndpointsToMinimum(tx, budgetActor(system, a), orgId, { budgetId: a.budgetId, month: a.month });
      softActions.push(...recorded);
      await recordAudit(tx, system, orgId, {
        action: "budget.soft_action",
        targetType: "budget",
        targetId: a.budgetId,
        data: { action: a.softAction, month: a.month, endpoints: recorded.map((op) => op.targetId), operations: recorded.map((op) => op.id) },
      });
    }
    return crossed;
  });
  for (const op of softActions) {
    if (!cp) break;
    const { refusal } = await submitRecorded(db, cp, op);
    if (refusal) console.error(`[billing] soft action ${op.id} on ${op.targetId} refused: ${refusal.message}`);
  }
  if (!cp && softActions.length > 0) wakeOperationsRunner();
  return { alerts, scaledEndpoints: softActions.map((op) => op.targetId) };
}

/** Evaluates the budgets of those orgs (among the given ones) that have any. */
export async function evaluateBudgetsOf(db: Db, orgIds: readonly string[], now: Date = new Date(), cp?: ControlPlane): Promise<BudgetAlert[]> {
  if (orgIds.length === 0) return [];
  const withBudgets = await db.selectDistinct({ orgId: budgets.orgId }).from(budgets).where(inArray(budgets.orgId, [...new Set(orgIds)]));
  const out: BudgetAlert[] = [];
  for (const { orgId } of withBudgets) out.push(...(await evaluateOrgBudgets(db, orgId, now, cp)).alerts);
  return out;
}
