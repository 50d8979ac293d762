import "server-only";
import { and, eq } from "drizzle-orm";
import { budgets } from "@/lib/db/schema";
import { monthToDateAndForecast } from "@/lib/billing";
import type { Principal } from "@/lib/auth/principal";
import type { Budget } from "@/lib/domain/billing-api";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { toBudget } from "./to-budget";

export async function listBudgets(principal: Principal, slug: string, now: Date = new Date()): Promise<Budget[]> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const rows = await db.select().from(budgets).where(eq(budgets.orgId, orgId)).orderBy(budgets.id);
  if (rows.length === 0) return [];
  const mtd = await monthToDateAndForecast(db, orgId, now);
  return rows.map((r) => toBudget(r, mtd.month, mtd.monthToDateJpy));
}

export async function getBudget(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<Budget> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const [row] = await db.select().from(budgets).where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)));
  if (!row) throw notFound("budget");
  const mtd = await monthToDateAndForecast(db, orgId, now);
  return toBudget(row, mtd.month, mtd.monthToDateJpy);
}
