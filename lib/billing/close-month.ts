import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { BillingMonth, composeInvoice, contractOn, firstDayOfMonth, jstMonthRange, type Invoice } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { loadContracts } from "./contracts";
import { nextInvoiceNumber } from "./invoice-number";
import { findMonthInvoice, insertIssuedInvoice, loadRecipient } from "./invoice-store";
import { costCenterNames, monthRatedUsage } from "./month-usage";
import { monthReservationCharges } from "./reservation-charges";
import { renderInvoicePdf } from "./pdf/render-invoice-pdf";
import { isUniqueViolation } from "./sql-rows";

// Month close: issue the org's qualified invoice for a JST month, once. Running it again (or
// concurrently) returns the invoice already issued; the partial unique index on (org, month)
// for original invoices is what guarantees it. The PDF is rendered once, at issue, and stored
// with the JSON document; neither is ever rewritten.

export interface CloseMonthResult {
  invoice: Invoice;
  /** false when the month had already been closed for this org. */
  issued: boolean;
}

export async function closeMonth(db: DbOrTx, orgId: string, month: string, now: Date): Promise<CloseMonthResult> {
  BillingMonth.parse(month);
  if (now.getTime() < jstMonthRange(month).end.getTime()) {
    throw new AppError("business_rule", `the month ${month} has not ended in Japan yet`, { month });
  }
  const existing = await findMonthInvoice(db, orgId, month);
  if (existing) return { invoice: existing.invoice, issued: false };

  try {
    return await db.transaction(async (tx) => {
      const recipient = await loadRecipient(tx, orgId);
      const contracts = await loadContracts(tx, orgId);
      const usage = await monthRatedUsage(tx, orgId, month, contracts);
      const invoice = composeInvoice({
        kind: "invoice",
        id: newId("invoice", now.getTime()),
        number: await nextInvoiceNumber(tx, month),
        orgId,
        month,
        issuedAt: now,
        recipient,
        usage,
        // Commitment and payment terms: the contract in force on the month's first day.
        contract: contractOn(contracts, firstDayOfMonth(month)),
        costCenters: await costCenterNames(tx, orgId),
        reservations: await monthReservationCharges(tx, orgId, month),
      });
      const pdf = await renderInvoicePdf(invoice);
      await insertIssuedInvoice(tx, invoice, pdf);
      return { invoice, issued: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Another run issued it between our check and our insert.
    const winner = await findMonthInvoice(db, orgId, month);
    if (!winner) throw error;
    return { invoice: winner.invoice, issued: false };
  }
}
