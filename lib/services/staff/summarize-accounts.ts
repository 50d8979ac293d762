import "server-only";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { budgets, gpuReservations, invoices, memberships, orgs, quotaLimits, quotaRequests, staffAssignments, users } from "@/lib/db/schema";
import { loadContracts } from "@/lib/billing/contracts";
import { monthToDateRu } from "@/lib/billing/month-to-date";
import { queryRatedRollups } from "@/lib/billing/rated-rollups";
import { REGIONS } from "@/lib/domain/catalog";
import { firstDayOfMonth, floorYen, jstDateOf, jstMonthOf, jstMonthRange, linearForecastRu, previousMonth, toSafeNumber } from "@/lib/domain/billing";
import { DEFAULT_GPU_QUOTA } from "@/lib/domain/quotas";
import type { AccountSummary, BudgetStatus } from "@/lib/domain/staff";
import { gpuModelsInRegion } from "../catalog/offerings";

// The figures of the book of accounts, for a set of orgs at once: a handful of grouped queries
// for the whole book (members, managers, GPUs, quotas, requests, budgets, invoices) and the
// billing engine's rated rollups per org for spend. Spend degrades to zero (logged) rather than
// failing the whole book if the billing engine cannot answer.

type OrgRow = typeof orgs.$inferSelect;

/** Budgets at or above this share of their amount are shown as a warning. */
const BUDGET_WARNING_PERCENT = 80;

interface Spend {
  monthToDateRu: bigint;
  lastMonthRu: bigint;
  forecastRu: bigint;
}

async function spendOf(db: DbOrTx, orgId: string, now: Date): Promise<Spend> {
  const contracts = await loadContracts(db, orgId);
  const { month, ratedRu } = await monthToDateRu(db, orgId, now, contracts);
  const last = previousMonth(month);
  const lastRows = await queryRatedRollups(db, orgId, { from: firstDayOfMonth(last), to: firstDayOfMonth(month) }, [], contracts);
  const { start, end } = jstMonthRange(month);
  return {
    monthToDateRu: ratedRu,
    lastMonthRu: lastRows.reduce((s, r) => s + r.ratedRu, 0n),
    forecastRu: linearForecastRu(ratedRu, now.getTime() - start.getTime(), end.getTime() - start.getTime()),
  };
}

const yen = (ru: bigint) => toSafeNumber(floorYen(ru));

export async function summarizeAccounts(db: DbOrTx, orgRows: readonly OrgRow[], now: Date = new Date()): Promise<AccountSummary[]> {
  if (orgRows.length === 0) return [];
  const ids = orgRows.map((o) => o.id);
  const today = jstDateOf(now);
  const month = jstMonthOf(now);

  const [counts, managers, held, limits, requests, budgetRows, overdue] = await Promise.all([
    db.select({ orgId: memberships.orgId, n: sql<number>`count(*)::int` }).from(memberships).where(inArray(memberships.orgId, ids)).groupBy(memberships.orgId),
    db
      .select({ orgId: staffAssignments.orgId, userId: users.id, name: users.name, email: users.email })
      .from(staffAssignments)
      .innerJoin(users, eq(users.id, staffAssignments.staffUserId))
      .where(inArray(staffAssignments.orgId, ids))
      .orderBy(users.name),
    db
      .select({ orgId: gpuReservations.orgId, regionId: gpuReservations.regionId, gpuModel: gpuReservations.gpuModel, gpus: sql<number>`sum(${gpuReservations.gpus})::int` })
      .from(gpuReservations)
      .where(inArray(gpuReservations.orgId, ids))
      .groupBy(gpuReservations.orgId, gpuReservations.regionId, gpuReservations.gpuModel),
    db.select().from(quotaLimits).where(inArray(quotaLimits.orgId, ids)),
    db
      .select({ orgId: quotaRequests.orgId, n: sql<number>`count(*)::int` })
      .from(quotaRequests)
      .where(and(inArray(quotaRequests.orgId, ids), eq(quotaRequests.status, "pending")))
      .groupBy(quotaRequests.orgId),
    db.select().from(budgets).where(inArray(budgets.orgId, ids)),
    // Overdue: marked so by billing, or issued and past its due date (JST) without payment.
    db
      .select({ orgId: invoices.orgId, n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${invoices.totalJpy}), 0)::text` })
      .from(invoices)
      .where(and(inArray(invoices.orgId, ids), or(eq(invoices.status, "overdue"), and(eq(invoices.status, "issued"), sql`${invoices.dueDate} < ${today}::date`))))
      .groupBy(invoices.orgId),
  ]);

  const spends = new Map<string, Spend | null>();
  for (const id of ids) {
    try {
      spends.set(id, await spendOf(db, id, now));
    } catch (error) {
      console.warn(`[staff] spend of ${id} unavailable:`, (error as Error).message);
      spends.set(id, null);
    }
  }

  return orgRows.map((o): AccountSummary => {
    const spend = spends.get(o.id) ?? null;
    const mtd = spend ? yen(spend.monthToDateRu) : 0;
    const lastMonth = spend ? yen(spend.lastMonthRu) : 0;
    const forecast = spend ? yen(spend.forecastRu) : 0;

    const orgHeld = held.filter((h) => h.orgId === o.id);
    const byModel = new Map<string, number>();
    for (const h of orgHeld) byModel.set(h.gpuModel, (byModel.get(h.gpuModel) ?? 0) + h.gpus);

    // The tightest quota line: the region × model closest to (or over) its limit.
    let tightest: AccountSummary["quota"]["tightest"] = null;
    let highest = 0;
    for (const region of REGIONS) {
      for (const gpuModel of gpuModelsInRegion(region.id)) {
        const limit = limits.find((l) => l.orgId === o.id && l.regionId === region.id && l.gpuModel === gpuModel)?.gpus ?? DEFAULT_GPU_QUOTA;
        const inUse = orgHeld.filter((h) => h.regionId === region.id && h.gpuModel === gpuModel).reduce((s, h) => s + h.gpus, 0);
        const percent = limit > 0 ? Math.round((inUse / limit) * 100) : inUse > 0 ? 100 : 0;
        if (inUse > 0 && (tightest === null || percent > highest)) {
          highest = percent;
          tightest = { regionId: region.id, gpuModel, inUse, limit };
        }
      }
    }

    // The budget nearest to (or furthest over) its amount decides the account's budget status.
    let budget: AccountSummary["budget"] = { status: "none", name: null, spentPercent: null };
    for (const b of budgetRows.filter((r) => r.orgId === o.id)) {
      const percent = b.monthlyAmountJpy > 0 ? Math.floor((mtd / b.monthlyAmountJpy) * 100) : 0;
      if (budget.spentPercent === null || percent > budget.spentPercent) {
        const status: BudgetStatus = percent >= 100 ? "exceeded" : percent >= BUDGET_WARNING_PERCENT ? "warning" : "ok";
        budget = { status, name: b.name, spentPercent: percent };
      }
    }

    const overdueRow = overdue.find((r) => r.orgId === o.id);
    return {
      orgId: o.id,
      slug: o.slug,
      legalNameJa: o.legalNameJa,
      legalNameEn: o.legalNameEn,
      memberCount: counts.find((c) => c.orgId === o.id)?.n ?? 0,
      managers: managers.filter((m) => m.orgId === o.id).map(({ userId, name, email }) => ({ userId, name, email })),
      createdAt: o.createdAt.toISOString(),
      spend: {
        month,
        monthToDateJpy: mtd,
        lastMonthJpy: lastMonth,
        forecastJpy: forecast,
        trendPercent: lastMonth > 0 ? Math.round(((forecast - lastMonth) / lastMonth) * 1000) / 10 : null,
      },
      gpusInUse: [...byModel].map(([gpuModel, gpus]) => ({ gpuModel: gpuModel as AccountSummary["gpusInUse"][number]["gpuModel"], gpus })).sort((a, b) => b.gpus - a.gpus),
      gpusInUseTotal: [...byModel.values()].reduce((s, n) => s + n, 0),
      quota: { highestUsePercent: highest, tightest },
      openQuotaRequests: requests.find((r) => r.orgId === o.id)?.n ?? 0,
      budget,
      overdueInvoices: { count: overdueRow?.n ?? 0, amountJpy: overdueRow ? Number(overdueRow.total) : 0 },
    };
  });
}
