import "server-only";
import { and, eq } from "drizzle-orm";
import { invoices } from "@/lib/db/schema";
import { getInvoice as loadInvoice, getInvoicePdf, invoiceCsv } from "@/lib/billing";
import type { Principal } from "@/lib/auth/principal";
import type { InvoiceDetail } from "@/lib/domain/billing-api";
import { orgContext } from "../access/org-context";
import { effectiveStatus } from "./invoice-status";

// One issued invoice: the stored JSON document, the PDF exactly as rendered at issue, and the CSV
// derived from the document. Loaded by (org, id): another org's invoice is a 404.

export async function getInvoiceDetail(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<InvoiceDetail> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const { invoice, status } = await loadInvoice(db, orgId, id);
  const [successor] = await db.select({ id: invoices.id }).from(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.correctsInvoiceId, id)));
  return { invoice, status: effectiveStatus(status, invoice.dueDate, now), correctedBy: successor?.id ?? null };
}

export interface InvoiceFile {
  filename: string;
  contentType: string;
  body: Uint8Array | string;
}

export async function getInvoiceFile(principal: Principal, slug: string, id: string, format: "pdf" | "csv"): Promise<InvoiceFile> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const { invoice } = await loadInvoice(db, orgId, id);
  if (format === "pdf") {
    return { filename: `invoice-${invoice.number}.pdf`, contentType: "application/pdf", body: await getInvoicePdf(db, orgId, id) };
  }
  return { filename: `invoice-${invoice.number}.csv`, contentType: "text/csv; charset=utf-8", body: invoiceCsv(invoice) };
}
