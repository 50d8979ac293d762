import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { and, eq } from "drizzle-orm";
import { budgets } from "@/lib/db/schema";
import { monthToDateAndForecast, monthToDateByCostCenter } from "@/lib/billing";
import { floorYen, toSafeNumber } from "@/lib/domain/billing";
import type { Principal } from "@/lib/auth/principal";
import type { Budget } from "@/lib/domain/billing-api";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { toBudget } from "./to-budget";

/** A 部門予算 counts its cost center's spend; an org budget the whole org's. */
function spentOf(costCenterId: string | null, orgSpentJpy: number, byCenter: ReadonlyMap<string, bigint>): number {
  return costCenterId === null ? orgSpentJpy : toSafeNumber(floorYen(byCenter.get(costCenterId) ?? 0n));
}

export async function listBudgets(principal: Principal, slug: string, now: Date = new Date()): Promise<Page<Budget>> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const rows = await db.select().from(budgets).where(eq(budgets.orgId, orgId)).orderBy(budgets.id);
  if (rows.length === 0) return wholePage([]);
  const mtd = await monthToDateAndForecast(db, orgId, now);
  const byCenter = rows.some((r) => r.costCenterId) ? await monthToDateByCostCenter(db, orgId, now) : new Map<string, bigint>();
  return wholePage(rows.map((r) => toBudget(r, mtd.month, spentOf(r.costCenterId, mtd.monthToDateJpy, byCenter))));
}

export async function getBudget(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<Budget> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const [row] = await db.select().from(budgets).where(and(eq(budgets.orgId, orgId), eq(budgets.id, id)));
  if (!row) throw notFound("budget");
  const mtd = await monthToDateAndForecast(db, orgId, now);
  const byCenter = row.costCenterId ? await monthToDateByCostCenter(db, orgId, now) : new Map<string, bigint>();
  return toBudget(row, mtd.month, spentOf(row.costCenterId, mtd.monthToDateJpy, byCenter));
}
