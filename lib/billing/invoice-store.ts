import "server-only";
import { and, asc, desc, eq, gte, ilike, lte, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { invoices, orgs } from "@/lib/db/schema";
import { Invoice, type InvoiceStatus } from "@/lib/domain/billing";
import { notFound } from "@/lib/domain/errors";

// Reading issued invoices. There is deliberately no function that updates a document or a PDF.

export interface StoredInvoice {
  invoice: Invoice;
  status: InvoiceStatus;
}

export async function insertIssuedInvoice(tx: DbOrTx, invoice: Invoice, pdf: Uint8Array): Promise<void> {
  await tx.insert(invoices).values({
    id: invoice.id,
    orgId: invoice.orgId,
    kind: invoice.kind,
    number: invoice.number,
    month: invoice.month,
    status: "issued",
    recipientName: invoice.recipient.legalNameJa,
    subtotalJpy: invoice.subtotalJpy,
    taxJpy: invoice.taxJpy,
    totalJpy: invoice.totalJpy,
    document: invoice,
    pdf,
    issueDate: invoice.issueDate,
    issuedAt: new Date(invoice.issuedAt),
    dueDate: invoice.dueDate,
    correctsInvoiceId: invoice.corrects?.invoiceId ?? null,
  });
}

/** The month's original invoice (not a correction), if issued. */
export async function findMonthInvoice(db: DbOrTx, orgId: string, month: string): Promise<StoredInvoice | undefined> {
  const [row] = await db
    .select({ document: invoices.document, status: invoices.status })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.month, month), eq(invoices.kind, "invoice")));
  return row ? { invoice: Invoice.parse(row.document), status: row.status } : undefined;
}

export async function getInvoice(db: DbOrTx, orgId: string, invoiceId: string): Promise<StoredInvoice> {
  const [row] = await db
    .select({ document: invoices.document, status: invoices.status })
    .from(invoices)
    .where(and(eq(invoices.orgId, orgId), eq(invoices.id, invoiceId)));
  if (!row) throw notFound("invoice");
  return { invoice: Invoice.parse(row.document), status: row.status };
}

/** The PDF exactly as rendered at issue. */
export async function getInvoicePdf(db: DbOrTx, orgId: string, invoiceId: string): Promise<Uint8Array> {
  const [row] = await db.select({ pdf: invoices.pdf }).from(invoices).where(and(eq(invoices.orgId, orgId), eq(invoices.id, invoiceId)));
  if (!row) throw notFound("invoice");
  return row.pdf;
}

export interface InvoiceSearch {
  /** Omit only for provider staff searching across orgs (the services layer decides). */
  orgId?: string;
  issuedFrom?: string;
  issuedTo?: string;
  minTotalJpy?: number;
  maxTotalJpy?: number;
  /** Substring of the recipient's legal name (取引先). */
  recipient?: string;
  month?: string;
  limit?: number;
}

export interface InvoiceSummary {
  id: string;
  orgId: string;
  kind: "invoice" | "correction";
  number: string;
  month: string;
  status: InvoiceStatus;
  recipientName: string;
  totalJpy: number;
  issueDate: string;
  dueDate: string;
  correctsInvoiceId: string | null;
}

/** Search by issue date, amount and counterparty, as 電子帳簿保存法 requires of kept invoices. */
export async function searchInvoices(db: DbOrTx, search: InvoiceSearch): Promise<InvoiceSummary[]> {
  const where: SQL[] = [];
  if (search.orgId) where.push(eq(invoices.orgId, search.orgId));
  if (search.issuedFrom) where.push(gte(invoices.issueDate, search.issuedFrom));
  if (search.issuedTo) where.push(lte(invoices.issueDate, search.issuedTo));
  if (search.minTotalJpy !== undefined) where.push(gte(invoices.totalJpy, search.minTotalJpy));
  if (search.maxTotalJpy !== undefined) where.push(lte(invoices.totalJpy, search.maxTotalJpy));
  if (search.month) where.push(eq(invoices.month, search.month));
  if (search.recipient) where.push(ilike(invoices.recipientName, `%${search.recipient.replace(/[%_\\]/g, "\\$&")}%`));
  return db
    .select({
      id: invoices.id,
      orgId: invoices.orgId,
      kind: invoices.kind,
      number: invoices.number,
      month: invoices.month,
      status: invoices.status,
      recipientName: invoices.recipientName,
      totalJpy: invoices.totalJpy,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      correctsInvoiceId: invoices.correctsInvoiceId,
    })
    .from(invoices)
    .where(and(...where))
    .orderBy(desc(invoices.issuedAt), asc(invoices.number))
    .limit(Math.min(search.limit ?? 100, 1000));
}

export async function loadRecipient(db: DbOrTx, orgId: string): Promise<Invoice["recipient"]> {
  const [org] = await db
    .select({ legalNameJa: orgs.legalNameJa, legalNameEn: orgs.legalNameEn, corporateNumber: orgs.corporateNumber })
    .from(orgs)
    .where(eq(orgs.id, orgId));
  if (!org) throw notFound("organization");
  return { legalNameJa: org.legalNameJa, legalNameEn: org.legalNameEn, corporateNumber: org.corporateNumber ?? null };
}
