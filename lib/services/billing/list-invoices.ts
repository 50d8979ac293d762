import "server-only";
import { and, desc, eq, gte, ilike, lt, lte, or, type SQL } from "drizzle-orm";
import { invoices } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { OPERATOR } from "@/lib/domain/catalog";
import { jstDateOf } from "@/lib/domain/billing";
import type { InvoiceListQuery, InvoiceSummaryView } from "@/lib/domain/billing-api";
import { orgContext } from "../access/org-context";
import { effectiveStatus } from "./invoice-status";

// Issued invoices, newest first, searchable as 電子帳簿保存法 asks of kept invoices: by date
// (issue date range), amount (total range) and counterparty (取引先). Keyset on the invoice id,
// which sorts by issue time.

export interface InvoiceList {
  items: InvoiceSummaryView[];
  nextAfterId: string | null;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

export async function listInvoices(
  principal: Principal,
  slug: string,
  query: Omit<InvoiceListQuery, "cursor"> & { beforeId?: string },
  now: Date = new Date(),
): Promise<InvoiceList> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const where: SQL[] = [eq(invoices.orgId, orgId)];
  if (query.issuedFrom) where.push(gte(invoices.issueDate, query.issuedFrom));
  if (query.issuedTo) where.push(lte(invoices.issueDate, query.issuedTo));
  if (query.minTotal !== undefined) where.push(gte(invoices.totalJpy, query.minTotal));
  if (query.maxTotal !== undefined) where.push(lte(invoices.totalJpy, query.maxTotal));
  if (query.month) where.push(eq(invoices.month, query.month));
  if (query.counterparty) {
    const text = query.counterparty.toLowerCase();
    // The issuer is the counterparty of every invoice a customer receives.
    const issuerMatches = [OPERATOR.legalNameJa, OPERATOR.legalNameEn, OPERATOR.invoiceRegistrationNumber].some((n) => n.toLowerCase().includes(text));
    if (!issuerMatches) where.push(ilike(invoices.recipientName, `%${escapeLike(query.counterparty)}%`));
  }
  const today = jstDateOf(now);
  if (query.status === "paid") where.push(eq(invoices.status, "paid"));
  if (query.status === "overdue") where.push(or(eq(invoices.status, "overdue"), and(eq(invoices.status, "issued"), lt(invoices.dueDate, today)))!);
  if (query.status === "issued") where.push(and(eq(invoices.status, "issued"), gte(invoices.dueDate, today))!);
  if (query.beforeId) where.push(lt(invoices.id, query.beforeId));
  const rows = await db
    .select({
      id: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      month: invoices.month,
      status: invoices.status,
      recipientName: invoices.recipientName,
      subtotalJpy: invoices.subtotalJpy,
      taxJpy: invoices.taxJpy,
      totalJpy: invoices.totalJpy,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      correctsInvoiceId: invoices.correctsInvoiceId,
    })
    .from(invoices)
    .where(and(...where))
    .orderBy(desc(invoices.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({ ...r, issuerName: OPERATOR.legalNameJa, status: effectiveStatus(r.status, r.dueDate, now) })),
    nextAfterId: rows.length > query.limit ? page[page.length - 1].id : null,
  };
}

