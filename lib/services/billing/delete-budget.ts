import "server-only";
import { and, eq } from "drizzle-orm";
import { budgets } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertMayChooseSoftAction } from "./budget-mutations";

/** Removes a budget (its alerts stop). One with a soft action is the owner's to remove. */
export async function deleteBudget(principal: Principal, slug: string, id: string): Promise<void> {
  const { db, access, orgId } = await orgContext(principal, slug, "billing.write");
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(budgets).where(and(eq(budgets.orgId, orgId), eq(budgets.id, id))).for("update");
    if (!row) throw notFound("budget");
    if (row.softAction !== "none") assertMayChooseSoftAction(access);
    await tx.delete(budgets).where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)));
    await recordAudit(tx, principal, orgId, {
      action: "budget.delete",
      targetType: "budget",
      targetId: id,
      data: { name: row.name, monthlyAmountJpy: row.monthlyAmountJpy, thresholds: row.thresholds, softAction: row.softAction },
    });
  });
}
