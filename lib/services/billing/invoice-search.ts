import "server-only";
import { and, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { invoices, orgs } from "@/lib/db/schema";
import { OPERATOR } from "@/lib/domain/catalog";
import { jstDateOf } from "@/lib/domain/billing";
import type { InvoiceListQuery, InvoiceSummaryView } from "@/lib/domain/billing-api";
import { effectiveStatus } from "./invoice-status";

// The archive search (電子帳簿保存法: 取引年月日の範囲・金額の範囲・取引先, in any combination),
// one definition for the customer's list, its CSV and the staff search across customers.
// 取引先 is matched by name or number: the issuer (Hinoki Cloud, T9010401123456) is the
// counterparty of every invoice a customer receives; the recipient is matched by legal name,
// 法人番号, or 登録番号 ("T" + 法人番号).

export type InvoiceSearchFilter = Omit<InvoiceListQuery, "cursor" | "limit" | "format">;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");
const recipientCorporateNumber = sql<string | null>`${invoices.document}->'recipient'->>'corporateNumber'`;

function counterpartyCondition(text: string): SQL | undefined {
  const needle = text.toLowerCase();
  const issuerMatches = [OPERATOR.legalNameJa, OPERATOR.legalNameEn, OPERATOR.invoiceRegistrationNumber].some((n) => n.toLowerCase().includes(needle));
  if (issuerMatches) return undefined;
  const digits = /^t?\d{13}$/i.test(text) ? text.replace(/^t/i, "") : null;
  return digits ? or(ilike(invoices.recipientName, `%${escapeLike(text)}%`), eq(recipientCorporateNumber, digits)) : ilike(invoices.recipientName, `%${escapeLike(text)}%`);
}

export function invoiceSearchConditions(orgIds: readonly string[] | null, filter: InvoiceSearchFilter, now: Date): SQL[] {
  const where: SQL[] = [];
  if (orgIds) where.push(orgIds.length === 1 ? eq(invoices.orgId, orgIds[0]) : inArray(invoices.orgId, [...orgIds, "∅"]));
  if (filter.issuedFrom) where.push(gte(invoices.issueDate, filter.issuedFrom));
  if (filter.issuedTo) where.push(lte(invoices.issueDate, filter.issuedTo));
  if (filter.minTotal !== undefined) where.push(gte(invoices.totalJpy, filter.minTotal));
  if (filter.maxTotal !== undefined) where.push(lte(invoices.totalJpy, filter.maxTotal));
  if (filter.month) where.push(eq(invoices.month, filter.month));
  if (filter.counterparty) {
    const condition = counterpartyCondition(filter.counterparty);
    if (condition) where.push(condition);
  }
  const today = jstDateOf(now);
  if (filter.status === "paid") where.push(eq(invoices.status, "paid"));
  if (filter.status === "overdue") where.push(or(eq(invoices.status, "overdue"), and(eq(invoices.status, "issued"), lt(invoices.dueDate, today)))!);
  if (filter.status === "issued") where.push(and(eq(invoices.status, "issued"), gte(invoices.dueDate, today))!);
  return where;
}

/** Matching invoices, newest first (keyset on the time-sortable id). */
export async function searchInvoiceSummaries(
  db: DbOrTx,
  orgIds: readonly string[] | null,
  filter: InvoiceSearchFilter & { beforeId?: string },
  limit: number,
  now: Date,
): Promise<InvoiceSummaryView[]> {
  const where = invoiceSearchConditions(orgIds, filter, now);
  if (filter.beforeId) where.push(lt(invoices.id, filter.beforeId));
  const rows = await db
    .select({
      id: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      month: invoices.month,
      status: invoices.status,
      recipientName: invoices.recipientName,
      recipientCorporateNumber,
      subtotalJpy: invoices.subtotalJpy,
      taxJpy: invoices.taxJpy,
      totalJpy: invoices.totalJpy,
      issueDate: invoices.issueDate,
      dueDate: invoices.dueDate,
      correctsInvoiceId: invoices.correctsInvoiceId,
      orgSlug: orgs.slug,
    })
    .from(invoices)
    .innerJoin(orgs, eq(orgs.id, invoices.orgId))
    .where(and(...where))
    .orderBy(sql`${invoices.id} desc`)
    .limit(limit);
  return rows.map((r) => ({ ...r, issuerName: OPERATOR.legalNameJa, status: effectiveStatus(r.status, r.dueDate, now) }));
}
