import "server-only";
import { eq } from "drizzle-orm";
import { budgets } from "@/lib/db/schema";
import { monthToDateAndForecast } from "@/lib/billing";
import type { MonthToDateReport } from "@/lib/domain/billing-api";
import type { Principal } from "@/lib/auth/principal";
import { orgContext } from "../access/org-context";
import { percentOf } from "./to-budget";

/** Spend so far this JST month, the linear forecast to its end, and how far each budget is used. */
export async function getMonthToDate(principal: Principal, slug: string, now: Date = new Date()): Promise<MonthToDateReport> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const mtd = await monthToDateAndForecast(db, orgId, now);
  const rows = await db.select().from(budgets).where(eq(budgets.orgId, orgId)).orderBy(budgets.id);
  return {
    month: mtd.month,
    asOf: mtd.asOf,
    monthToDateJpy: mtd.monthToDateJpy,
    forecastJpy: mtd.forecastJpy,
    elapsedFraction: mtd.elapsedFraction,
    byService: mtd.byService,
    committedMonthlyJpy: mtd.committedMonthlyJpy,
    creditLimitJpy: mtd.creditLimitJpy,
    budgets: rows.map((b) => ({ id: b.id, name: b.name, monthlyAmountJpy: b.monthlyAmountJpy, percentUsed: percentOf(mtd.monthToDateJpy, b.monthlyAmountJpy) })),
  };
}
