import "server-only";
import { and, eq, inArray, lt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { invoices } from "@/lib/db/schema";
import { jstDateOf } from "@/lib/domain/billing";
import { AppError, notFound } from "@/lib/domain/errors";

// The one thing about an issued invoice that changes: whether it has been paid. The document and
// the PDF are never touched here.

/** Records payment (from the bank reconciliation); issued or overdue → paid. */
export async function markInvoicePaid(db: DbOrTx, orgId: string, invoiceId: string): Promise<void> {
  const updated = await db
    .update(invoices)
    .set({ status: "paid" })
    .where(and(eq(invoices.orgId, orgId), eq(invoices.id, invoiceId), inArray(invoices.status, ["issued", "overdue"])))
    .returning({ id: invoices.id });
  if (updated.length === 0) {
    const [row] = await db.select({ status: invoices.status }).from(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.id, invoiceId)));
    if (!row) throw notFound("invoice");
    throw new AppError("conflict", `invoice is already ${row.status}`);
  }
}

/** Unpaid invoices whose due date (JST) has passed become overdue; returns how many changed. */
export async function markOverdueInvoices(db: DbOrTx, now: Date): Promise<number> {
  const today = jstDateOf(now);
  const updated = await db
    .update(invoices)
    .set({ status: "overdue" })
    .where(and(eq(invoices.status, "issued"), lt(invoices.dueDate, today)))
    .returning({ id: invoices.id });
  return updated.length;
}
