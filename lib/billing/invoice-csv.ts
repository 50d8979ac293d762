import "server-only";
import { SERVICE_NAMES, monthLabelJa, type Invoice } from "@/lib/domain/billing";
import { UTF8_BOM, csvLine } from "./csv";

// The invoice as CSV for accounting systems and Excel in Japan: UTF-8 with a BOM (without it
// Excel reads Shift_JIS and garbles the Japanese), one row per line, then the subtotal, tax and
// total rows, each marked in the 区分 column. Every row repeats the document's header fields so
// a row keeps its meaning when filtered or pasted elsewhere.

export const INVOICE_CSV_COLUMNS = [
  "区分",
  "請求書番号",
  "書類種別",
  "修正対象請求書番号",
  "発行日",
  "取引年月",
  "支払期限",
  "発行者",
  "登録番号",
  "宛先",
  "明細No",
  "サービス",
  "SKU",
  "リージョン",
  "品目",
  "数量",
  "単位",
  "単価(円)",
  "割引(%)",
  "金額(円)",
  "税率(%)",
  "部門コード",
  "部門名",
  "発注番号",
] as const;

export function invoiceCsv(invoice: Invoice): string {
  const head = [
    invoice.number,
    invoice.kind === "correction" ? "修正請求書" : "請求書",
    invoice.corrects?.number ?? "",
    invoice.issueDate,
    monthLabelJa(invoice.month),
    invoice.dueDate,
    invoice.issuer.nameJa,
    invoice.issuer.registrationNumber,
    `${invoice.recipient.legalNameJa} 御中`,
  ];
  let out = UTF8_BOM + csvLine(INVOICE_CSV_COLUMNS);
  for (const l of invoice.lines) {
    out += csvLine([
      "明細",
      ...head,
      l.lineNo,
      l.service ? SERVICE_NAMES[l.service].ja : "",
      l.sku ?? "",
      l.regionId ?? "",
      l.descriptionJa,
      l.quantity,
      l.unitJa,
      l.unitPriceJpy,
      l.discountPercent,
      l.amountJpy,
      l.taxRatePercent,
      l.costCenter?.code ?? "",
      l.costCenter?.nameJa ?? "",
      l.poNumber ?? "",
    ]);
  }
  const summary = (label: string, amount: number, rate: number | "") =>
    csvLine([label, ...head, "", "", "", "", label, "", "", "", "", amount, rate, "", "", ""]);
  for (const t of invoice.taxes) {
    out += summary(`${t.ratePercent}%対象 小計`, t.subtotalJpy, t.ratePercent);
    out += summary(`消費税(${t.ratePercent}%)`, t.taxJpy, t.ratePercent);
  }
  out += summary("合計", invoice.totalJpy, "");
  return out;
}
