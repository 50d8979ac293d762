import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { orgs, staffAssignments } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { BookQuery, type AccountSummary } from "@/lib/domain/staff";
import { requireStaff } from "./require-staff";
import { summarizeAccounts } from "./summarize-accounts";

// The book of accounts 「担当アカウント」: an account manager's assigned orgs; a platform admin
// sees every org (and may narrow to one manager's book). The book is small — tens of accounts
// per manager — so it is summarised whole and sorted and filtered in memory.

const numeric: Record<Exclude<BookQuery["sort"], "name" | undefined>, (a: AccountSummary) => number> = {
  monthToDate: (a) => a.spend.monthToDateJpy,
  lastMonth: (a) => a.spend.lastMonthJpy,
  trend: (a) => a.spend.trendPercent ?? Number.NEGATIVE_INFINITY,
  gpus: (a) => a.gpusInUseTotal,
  quota: (a) => a.quota.highestUsePercent,
  requests: (a) => a.openQuotaRequests,
  overdue: (a) => a.overdueInvoices.amountJpy,
};

function needsAttention(a: AccountSummary, attention: NonNullable<BookQuery["attention"]>): boolean {
  switch (attention) {
    case "requests":
      return a.openQuotaRequests > 0;
    case "budget":
      return a.budget.status === "warning" || a.budget.status === "exceeded";
    case "overdue":
      return a.overdueInvoices.count > 0;
    case "quota":
      return a.quota.highestUsePercent >= 80;
    case "unassigned":
      return a.managers.length === 0;
  }
}

export async function listStaffAccounts(principal: Principal, rawQuery: BookQuery = {}, now: Date = new Date()): Promise<Page<AccountSummary>> {
  const role = requireStaff(principal);
  const query = BookQuery.parse(rawQuery);
  const db = await getDb();
  let orgRows: (typeof orgs.$inferSelect)[];
  if (role === "platform_admin") {
    if (query.manager) {
      const assigned = db.select({ orgId: staffAssignments.orgId }).from(staffAssignments).where(eq(staffAssignments.staffUserId, query.manager));
      orgRows = await db.select().from(orgs).where(inArray(orgs.id, assigned)).orderBy(orgs.slug);
    } else {
      orgRows = await db.select().from(orgs).orderBy(orgs.slug);
    }
  } else {
    orgRows = await db
      .select({ orgs })
      .from(staffAssignments)
      .innerJoin(orgs, eq(orgs.id, staffAssignments.orgId))
      .where(eq(staffAssignments.staffUserId, principal.userId))
      .orderBy(orgs.slug)
      .then((rows) => rows.map((r) => r.orgs));
  }
  if (query.q) {
    const needle = query.q.toLowerCase();
    orgRows = orgRows.filter((o) => [o.slug, o.legalNameJa, o.legalNameEn].some((s) => s.toLowerCase().includes(needle)));
  }
  let accounts = await summarizeAccounts(db, orgRows, now);
  if (query.attention) accounts = accounts.filter((a) => needsAttention(a, query.attention!));

  const dir = query.dir ?? (query.sort === "name" ? "asc" : "desc");
  const sign = dir === "asc" ? 1 : -1;
  const byName = (a: AccountSummary, b: AccountSummary) => a.legalNameJa.localeCompare(b.legalNameJa, "ja") || a.slug.localeCompare(b.slug);
  return wholePage(accounts.sort((a, b) => {
    if (query.sort === "name") return sign * byName(a, b);
    const key = numeric[query.sort];
    return sign * (key(a) - key(b)) || byName(a, b);
  }));
}
