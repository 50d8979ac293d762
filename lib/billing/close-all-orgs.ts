import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { contractOn, firstDayOfMonth, nextMonth } from "@/lib/domain/billing";
import { isAppError } from "@/lib/domain/errors";
import { closeMonth } from "./close-month";
import { loadContracts } from "./contracts";
import { rowsOf } from "./sql-rows";

// The monthly run: close the month for every org that used something or owes a commitment.
// Each org is closed on its own (its own transaction); one org's failure is reported and does
// not stop the others. Safe to rerun: already-closed orgs come back with issued = false.

export interface CloseAllResult {
  month: string;
  results: Array<{ orgId: string; issued: boolean; invoiceNumber?: string; totalJpy?: number; error?: string }>;
}

async function orgsToBill(db: DbOrTx, month: string): Promise<string[]> {
  const from = firstDayOfMonth(month);
  const to = firstDayOfMonth(nextMonth(month));
  const used = rowsOf<{ org_id: string }>(
    await db.execute(sql`SELECT DISTINCT org_id FROM usage_daily_rollups WHERE day >= ${from}::date AND day < ${to}::date`),
  ).map((r) => r.org_id);
  const withContracts = rowsOf<{ org_id: string }>(await db.execute(sql`SELECT DISTINCT org_id FROM billing_contracts`)).map((r) => r.org_id);
  const committed: string[] = [];
  for (const orgId of withContracts) {
    if ((contractOn(await loadContracts(db, orgId), from)?.committedMonthlyJpy ?? 0) > 0) committed.push(orgId);
  }
  return [...new Set([...used, ...committed])].sort();
}

export async function closeMonthForAllOrgs(db: DbOrTx, month: string, now: Date): Promise<CloseAllResult> {
  const results: CloseAllResult["results"] = [];
  for (const orgId of await orgsToBill(db, month)) {
    try {
      const { invoice, issued } = await closeMonth(db, orgId, month, now);
      results.push({ orgId, issued, invoiceNumber: invoice.number, totalJpy: invoice.totalJpy });
    } catch (error) {
      results.push({ orgId, issued: false, error: isAppError(error) ? `${error.code}: ${error.message}` : String(error) });
    }
  }
  return { month, results };
}
