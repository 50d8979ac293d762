import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { invoices } from "@/lib/db/schema";
import { composeInvoice, contractOn, firstDayOfMonth, type Invoice } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { loadContracts } from "./contracts";
import { nextInvoiceNumber } from "./invoice-number";
import { getInvoice, insertIssuedInvoice, loadRecipient } from "./invoice-store";
import { costCenterNames, monthRatedUsage } from "./month-usage";
import { renderInvoicePdf } from "./pdf/render-invoice-pdf";
import { isUniqueViolation } from "./sql-rows";

// 修正インボイス: when usage arrives late, terms change retroactively or the recipient's name was
// wrong, the issued invoice stays as it is and a new, complete document restates the month and
// names the document it corrects. A document is corrected at most once (unique index), so the
// corrections of a month form a single chain and the latest document is the one in force.

function sameContent(a: Invoice, b: Invoice): boolean {
  // Documents issued before cost centers have no costCenter/poNumber on their lines: same as none.
  const lines = (i: Invoice) => i.lines.map((l) => ({ ...l, costCenter: l.costCenter ?? null, poNumber: l.poNumber ?? null }));
  const strip = (i: Invoice) => JSON.stringify({ lines: lines(i), totals: [i.subtotalJpy, i.taxJpy, i.totalJpy], recipient: i.recipient, due: i.dueDate });
  return strip(a) === strip(b);
}

export async function issueCorrectionInvoice(
  db: DbOrTx,
  orgId: string,
  invoiceId: string,
  options: { now: Date; reasonJa: string },
): Promise<Invoice> {
  const reason = options.reasonJa.trim();
  if (!reason) throw new AppError("validation_failed", "a correction needs a reason");
  const { invoice: corrected } = await getInvoice(db, orgId, invoiceId);
  const [successor] = await db
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.correctsInvoiceId, corrected.id)));
  if (successor) throw new AppError("conflict", "this document has already been corrected; correct the latest one", { correctedBy: successor.id });
  try {
    return await db.transaction(async (tx) => {
      const contracts = await loadContracts(tx, orgId);
      const invoice = composeInvoice({
        kind: "correction",
        id: newId("invoice", options.now.getTime()),
        number: await nextInvoiceNumber(tx, corrected.month),
        orgId,
        month: corrected.month,
        issuedAt: options.now,
        recipient: await loadRecipient(tx, orgId),
        usage: await monthRatedUsage(tx, orgId, corrected.month, contracts),
        contract: contractOn(contracts, firstDayOfMonth(corrected.month)),
        corrects: { invoiceId: corrected.id, number: corrected.number, issueDate: corrected.issueDate, reasonJa: reason },
        costCenters: await costCenterNames(tx, orgId),
      });
      if (sameContent(invoice, corrected)) throw new AppError("business_rule", "nothing to correct: the month recomputes to the same invoice");
      await insertIssuedInvoice(tx, invoice, await renderInvoicePdf(invoice));
      return invoice;
    });
  } catch (error) {
    // The unique index on corrects_invoice_id: a concurrent correction of the same document won.
    if (isUniqueViolation(error)) throw new AppError("conflict", "this document has just been corrected by another request");
    throw error;
  }
}
