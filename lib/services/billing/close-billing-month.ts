import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "@/lib/db/client";
import { appSettings, orgs } from "@/lib/db/schema";
import { closeMonthForAllOrgs, findMonthInvoice } from "@/lib/billing";
import { systemPrincipal, type Principal } from "@/lib/auth/principal";
import { jstMonthOf, jstMonthRange, previousMonth } from "@/lib/domain/billing";
import { CloseMonthInput, type CloseMonthReport } from "@/lib/domain/billing-api";
import { AppError } from "@/lib/domain/errors";
import { recordAudit } from "../audit/record";
import { notifyOrgRoles } from "../notifications/notify";
import { requireStaff } from "../staff/require-staff";
import { readIngestedUntil } from "./ingest-metering";

// The month close, around the engine's closeMonthForAllOrgs (which issues each org's invoice once,
// whatever runs it twice or concurrently): audit each issue in the org's log and tell its billing
// and owner members that the invoice is there. Runs by itself at the start of a JST month, and a
// platform admin can run it for any past month.

async function announce(db: Db, principal: Principal, month: string, report: CloseMonthReport): Promise<void> {
  for (const r of report.results) {
    if (r.error) continue;
    const stored = await findMonthInvoice(db, r.orgId, month);
    const [org] = await db.select({ slug: orgs.slug }).from(orgs).where(eq(orgs.id, r.orgId));
    if (!stored || !org) continue;
    const invoice = stored.invoice;
    await db.transaction(async (tx) => {
      if (r.issued) {
        await recordAudit(tx, principal, r.orgId, {
          action: "invoice.issue",
          targetType: "invoice",
          targetId: invoice.id,
          data: { number: invoice.number, month, totalJpy: invoice.totalJpy, taxJpy: invoice.taxJpy, dueDate: invoice.dueDate },
        });
      }
      // Dedupe by invoice: a rerun (or a crash between issue and here) tells each person once.
      await notifyOrgRoles(tx, r.orgId, ["billing", "owner"], {
        category: "invoice",
        titleKey: "invoiceIssued.title",
        bodyKey: "invoiceIssued.body",
        params: { number: invoice.number, month, totalJpy: invoice.totalJpy, dueDate: invoice.dueDate },
        link: `/${org.slug}/billing/invoices/${invoice.id}`,
        dedupeKey: `invoice:${invoice.id}`,
      });
    });
  }
}

export async function closeBillingMonth(db: Db, principal: Principal, month: string, now: Date): Promise<CloseMonthReport> {
  if (now.getTime() < jstMonthRange(month).end.getTime()) {
    throw new AppError("business_rule", `the month ${month} has not ended in Japan yet`, { field: "month", month });
  }
  const report = await closeMonthForAllOrgs(db, month, now);
  await announce(db, principal, month, report);
  return report;
}

/** POST /api/v1/staff/billing/close-month: a platform admin closes a past month (idempotent). */
export async function closeMonthAsStaff(principal: Principal, rawInput: CloseMonthInput, now: Date = new Date()): Promise<CloseMonthReport> {
  requireStaff(principal, "platform_admin");
  const input = CloseMonthInput.parse(rawInput);
  const db = await getDb();
  const report = await closeBillingMonth(db, principal, input.month, now);
  await recordAudit(db, principal, null, {
    action: "billing.close_month",
    targetType: "billing_month",
    targetId: input.month,
    data: { issued: report.results.filter((r) => r.issued).length, alreadyIssued: report.results.filter((r) => !r.issued && !r.error).length, errors: report.results.filter((r) => r.error).map((r) => ({ orgId: r.orgId, error: r.error })) },
  });
  return report;
}

const CLOSED_KEY = (month: string) => `billing.month_closed.${month}`;
/** Without proof that metering caught up past the month's end, wait this long before closing. */
const FALLBACK_DELAY_MS = 6 * 3600_000;

/**
 * The automatic close, called by a background task: once the previous JST month has ended and its
 * metering is in (a record ending at or after the month's end was ingested — the control plane
 * closes intervals in order — or six hours have passed), close it, once.
 */
export async function closePreviousMonthIfDue(db: Db, now: Date = new Date()): Promise<CloseMonthReport | null> {
  const month = previousMonth(jstMonthOf(now));
  const [done] = await db.select({ key: appSettings.key }).from(appSettings).where(eq(appSettings.key, CLOSED_KEY(month)));
  if (done) return null;
  const end = jstMonthRange(month).end;
  const ingestedUntil = await readIngestedUntil(db);
  const caughtUp = ingestedUntil !== null && Date.parse(ingestedUntil) >= end.getTime();
  if (!caughtUp && now.getTime() < end.getTime() + FALLBACK_DELAY_MS) return null;
  const system = systemPrincipal({ requestId: `month-close-${month}` });
  const report = await closeBillingMonth(db, system, month, now);
  // Usage of an org the console does not know (not_found) can never be invoiced here; anything
  // else is tried again on the next round.
  const retry = report.results.some((r) => r.error && !r.error.startsWith("not_found"));
  if (!retry) {
    await db.insert(appSettings).values({ key: CLOSED_KEY(month), value: { at: now.toISOString(), results: report.results.length } }).onConflictDoNothing();
  }
  return report;
}
