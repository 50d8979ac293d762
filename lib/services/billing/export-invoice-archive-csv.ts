import "server-only";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { invoiceChain } from "@/lib/db/schema";
import { UTF8_BOM, csvLine } from "@/lib/billing/csv";
import type { Principal } from "@/lib/auth/principal";
import { OPERATOR } from "@/lib/domain/catalog";
import { jstDateOf } from "@/lib/domain/billing";
import type { InvoiceSummaryView } from "@/lib/domain/billing-api";
import { orgContext } from "../access/org-context";
import { searchInvoiceSummaries, type InvoiceSearchFilter } from "./invoice-search";

// The archive search as CSV — what a tax office's 「ダウンロードの求め」 asks for: every matching
// document with its 取引年月日, 金額 and 取引先 (name and 登録番号), and the SHA-256 of its PDF and
// its place in the hash chain, so each row can be checked against the original file.

export const ARCHIVE_CSV_COLUMNS = [
  "請求書番号",
  "書類種別",
  "取引年月日(発行日)",
  "取引年月",
  "取引先(発行者)",
  "発行者登録番号",
  "宛先",
  "宛先登録番号",
  "小計(円)",
  "消費税(円)",
  "合計(円)",
  "支払期限",
  "状態",
  "修正対象請求書ID",
  "請求書ID",
  "PDFのSHA-256",
  "ハッシュチェーン記録番号",
] as const;

const ARCHIVE_CSV_LIMIT = 10_000;
const STATUS_JA = { issued: "発行済み", paid: "支払済み", overdue: "支払期限超過" } as const;

export async function archiveCsv(db: DbOrTx, rows: readonly InvoiceSummaryView[]): Promise<string> {
  const entries = rows.length ? await db.select({ invoiceId: invoiceChain.invoiceId, seq: invoiceChain.seq, pdfSha256: invoiceChain.pdfSha256 }).from(invoiceChain).where(inArray(invoiceChain.invoiceId, rows.map((r) => r.id))) : [];
  const byId = new Map(entries.map((e) => [e.invoiceId, e]));
  let out = UTF8_BOM + csvLine(ARCHIVE_CSV_COLUMNS);
  for (const r of rows) {
    const entry = byId.get(r.id);
    out += csvLine([
      r.number,
      r.kind === "correction" ? "修正請求書" : "請求書",
      r.issueDate,
      r.month,
      OPERATOR.legalNameJa,
      OPERATOR.invoiceRegistrationNumber,
      r.recipientName,
      r.recipientCorporateNumber ? `T${r.recipientCorporateNumber}` : "",
      r.subtotalJpy,
      r.taxJpy,
      r.totalJpy,
      r.dueDate,
      STATUS_JA[r.status],
      r.correctsInvoiceId ?? "",
      r.id,
      entry?.pdfSha256 ?? "",
      entry?.seq ?? "",
    ]);
  }
  return out;
}

export async function exportInvoiceArchiveCsv(principal: Principal, slug: string, filter: InvoiceSearchFilter, now: Date = new Date()): Promise<{ filename: string; body: string }> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const rows = await searchInvoiceSummaries(db, [orgId], filter, ARCHIVE_CSV_LIMIT, now);
  return { filename: `hinoki-invoices-${slug}-${jstDateOf(now)}.csv`, body: await archiveCsv(db, rows) };
}
