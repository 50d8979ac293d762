import "server-only";
import PDFDocument from "pdfkit";
import { costCenterBreakdown, hasCostAllocation, monthLabelJa, type Invoice, type InvoiceLine } from "@/lib/domain/billing";
import { fontBytes } from "@/lib/pdf/japanese-fonts";
import { groupDigits, jaDate, yen } from "./format";

// The invoice as a Japanese accounting department expects it: title 請求書（適格請求書）,
// recipient 御中, issuer with registration number, 取引年月, the lines, 10%対象 小計,
// 消費税(10%), 合計, 支払期限 and 振込先. A4 portrait; the line table continues on new pages.

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 40;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const INK = "#111111";
const MUTED = "#555555";
const RULE = "#999999";

type Doc = PDFKit.PDFDocument;

const COLUMNS = [
  { key: "no", title: "No.", width: 22, align: "right" },
  { key: "desc", title: "品目 / Description", width: 205, align: "left" },
  { key: "qty", title: "数量", width: 62, align: "right" },
  { key: "unit", title: "単位", width: 62, align: "left" },
  { key: "price", title: "単価(円)", width: 52, align: "right" },
  { key: "disc", title: "割引", width: 40, align: "right" },
  { key: "amount", title: "金額(円)", width: 72, align: "right" },
] as const;

function cells(line: InvoiceLine): Record<(typeof COLUMNS)[number]["key"], string> {
  return {
    no: String(line.lineNo),
    desc: `${line.descriptionJa}\n${line.descriptionEn}${line.gpuSeconds > 0 ? `\nGPU時間 ${groupDigits(line.gpuHours)} GPU-hours` : ""}${line.tokens > 0 ? `\n${groupDigits(line.tokens)} tokens` : ""}${allocationText(line)}`,
    qty: groupDigits(line.quantity),
    unit: line.unitJa,
    price: groupDigits(line.unitPriceJpy),
    disc: line.discountPercent === "0.00" ? "—" : `${line.discountPercent}%`,
    amount: groupDigits(line.amountJpy),
  };
}

function allocationText(line: InvoiceLine): string {
  const parts = [line.costCenter ? `部門 ${line.costCenter.code} ${line.costCenter.nameJa}` : "", line.poNumber ? `発注番号 ${line.poNumber}` : ""].filter(Boolean);
  return parts.length ? `\n${parts.join(" / ")}` : "";
}

/** 内訳: the subtotal by cost center and 発注番号 (only when any line names one). */
function breakdown(doc: Doc, invoice: Invoice, y: number): number {
  if (!hasCostAllocation(invoice)) return y;
  const rows = costCenterBreakdown(invoice);
  if (y + 30 + rows.length * 14 > BOTTOM) {
    doc.addPage();
    y = MARGIN;
  }
  doc.font("bold").fontSize(9).fillColor(INK).text("部門・プロジェクト別内訳（税抜） / Breakdown by cost center (excl. tax)", MARGIN, y, { width: CONTENT_WIDTH });
  y += 14;
  for (const r of rows) {
    const name = r.costCenter ? `${r.costCenter.code} ${r.costCenter.nameJa}` : "部門未設定 / No cost center";
    const po = r.poNumbers.length ? `発注番号 ${r.poNumbers.join("、")}` : "";
    doc.font("regular").fontSize(8).fillColor(INK);
    doc.text(name, MARGIN, y, { width: 220 });
    doc.text(po, MARGIN + 220, y, { width: 190 });
    doc.text(yen(r.amountJpy), MARGIN + 410, y, { width: CONTENT_WIDTH - 410, align: "right" });
    y += 13;
    doc.moveTo(MARGIN, y - 2).lineTo(MARGIN + CONTENT_WIDTH, y - 2).strokeColor(RULE).lineWidth(0.3).stroke();
  }
  return y + 8;
}

function tableHeader(doc: Doc, y: number): number {
  doc.font("bold").fontSize(8).fillColor(INK);
  let x = MARGIN;
  for (const c of COLUMNS) {
    doc.text(c.title, x + 2, y + 4, { width: c.width - 4, align: c.align });
    x += c.width;
  }
  const bottom = y + 16;
  doc.moveTo(MARGIN, y).lineTo(MARGIN + CONTENT_WIDTH, y).strokeColor(INK).lineWidth(0.8).stroke();
  doc.moveTo(MARGIN, bottom).lineTo(MARGIN + CONTENT_WIDTH, bottom).strokeColor(INK).lineWidth(0.5).stroke();
  return bottom + 3;
}

function lineRow(doc: Doc, line: InvoiceLine, y: number): number {
  const c = cells(line);
  doc.font("regular").fontSize(8).fillColor(INK);
  const height = Math.max(...COLUMNS.map((col) => doc.heightOfString(c[col.key], { width: col.width - 4 }))) + 5;
  let x = MARGIN;
  for (const col of COLUMNS) {
    doc.text(c[col.key], x + 2, y, { width: col.width - 4, align: col.align });
    x += col.width;
  }
  doc.moveTo(MARGIN, y + height - 2).lineTo(MARGIN + CONTENT_WIDTH, y + height - 2).strokeColor(RULE).lineWidth(0.3).stroke();
  return y + height;
}

function rowHeight(doc: Doc, line: InvoiceLine): number {
  const c = cells(line);
  doc.font("regular").fontSize(8);
  return Math.max(...COLUMNS.map((col) => doc.heightOfString(c[col.key], { width: col.width - 4 }))) + 5;
}

function header(doc: Doc, invoice: Invoice): number {
  doc.font("bold").fontSize(18).fillColor(INK).text(invoice.titleJa, MARGIN, MARGIN, { width: CONTENT_WIDTH, align: "center" });
  doc.font("regular").fontSize(9).fillColor(MUTED).text(invoice.titleEn, { width: CONTENT_WIDTH, align: "center" });

  const top = MARGIN + 48;
  // Recipient, left.
  doc.font("bold").fontSize(13).fillColor(INK).text(`${invoice.recipient.legalNameJa} 御中`, MARGIN, top, { width: 290 });
  doc.font("regular").fontSize(8).fillColor(MUTED).text(invoice.recipient.legalNameEn, { width: 290 });
  if (invoice.recipient.corporateNumber) doc.text(`法人番号 ${invoice.recipient.corporateNumber}`, { width: 290 });
  doc.moveTo(MARGIN, doc.y + 2).lineTo(MARGIN + 290, doc.y + 2).strokeColor(INK).lineWidth(0.8).stroke();

  // Document facts and issuer, right.
  const rx = MARGIN + 320;
  const rw = CONTENT_WIDTH - 320;
  doc.font("regular").fontSize(8.5).fillColor(INK);
  doc.text(`請求書番号  ${invoice.number}`, rx, top, { width: rw });
  doc.text(`発行日  ${jaDate(invoice.issueDate)}`, { width: rw });
  doc.moveDown(0.6);
  doc.font("bold").fontSize(10).text(invoice.issuer.nameJa, { width: rw });
  doc.font("regular").fontSize(8).text(invoice.issuer.nameEn, { width: rw });
  doc.text(invoice.issuer.addressJa, { width: rw });
  doc.font("bold").fontSize(8.5).text(`登録番号  ${invoice.issuer.registrationNumber}`, { width: rw });
  const rightBottom = doc.y;

  let y = Math.max(rightBottom, top + 60) + 14;
  doc.font("regular").fontSize(9).fillColor(INK);
  doc.text(`取引年月  ${monthLabelJa(invoice.month)}（${jaDate(invoice.period.startDate)}〜${jaDate(invoice.period.endDate)}、日本時間）`, MARGIN, y, { width: CONTENT_WIDTH });
  doc.text("下記のとおりご請求申し上げます。", { width: CONTENT_WIDTH });
  if (invoice.corrects) {
    doc.font("bold").text(`本書は請求書番号 ${invoice.corrects.number}（発行日 ${jaDate(invoice.corrects.issueDate)}）を修正するものです。`, { width: CONTENT_WIDTH });
    doc.font("regular").text(`修正理由: ${invoice.corrects.reasonJa}`, { width: CONTENT_WIDTH });
  }
  y = doc.y + 8;

  // Amount due box.
  doc.rect(MARGIN, y, 300, 40).strokeColor(INK).lineWidth(1).stroke();
  doc.font("regular").fontSize(9).text("ご請求金額（税込） / Total due", MARGIN + 8, y + 6, { width: 150 });
  doc.font("bold").fontSize(16).text(yen(invoice.totalJpy), MARGIN + 120, y + 12, { width: 172, align: "right" });
  doc.font("regular").fontSize(9).text(`支払期限  ${jaDate(invoice.dueDate)}`, MARGIN + 320, y + 6, { width: rw });
  doc.fontSize(8).fillColor(MUTED).text(`${invoice.paymentTermsJa} / Due ${invoice.dueDate}`, MARGIN + 320, y + 20, { width: rw });
  return y + 56;
}

function totals(doc: Doc, invoice: Invoice, y: number): number {
  const labelX = MARGIN + CONTENT_WIDTH - 250;
  const rows: Array<[string, string, boolean]> = [];
  for (const t of invoice.taxes) {
    rows.push([`${t.ratePercent}%対象 小計（税抜） / Subtotal at ${t.ratePercent}%`, yen(t.subtotalJpy), false]);
    rows.push([`消費税(${t.ratePercent}%) / Consumption tax`, yen(t.taxJpy), false]);
  }
  rows.push(["合計（税込） / Total", yen(invoice.totalJpy), true]);
  for (const [label, amount, strong] of rows) {
    doc.font(strong ? "bold" : "regular").fontSize(strong ? 10 : 9).fillColor(INK);
    doc.text(label, labelX, y, { width: 170 });
    doc.text(amount, labelX + 170, y, { width: 80, align: "right" });
    y += strong ? 16 : 14;
    doc.moveTo(labelX, y - 2).lineTo(MARGIN + CONTENT_WIDTH, y - 2).strokeColor(strong ? INK : RULE).lineWidth(strong ? 0.8 : 0.3).stroke();
  }
  return y + 8;
}

function footer(doc: Doc, invoice: Invoice, y: number): void {
  const b = invoice.bankAccount;
  doc.font("bold").fontSize(9).fillColor(INK).text("振込先 / Bank transfer", MARGIN, y, { width: CONTENT_WIDTH });
  doc.font("regular").fontSize(9).text(
    `${b.bankName}（銀行コード ${b.bankCode}） ${b.branchName}（支店コード ${b.branchCode}） ${b.accountType} ${b.accountNumber}  口座名義 ${b.accountHolderKana}`,
    { width: CONTENT_WIDTH },
  );
  doc.fontSize(8).fillColor(MUTED).text("お振込手数料は貴社にてご負担ください。お振込の際は請求書番号をご依頼人名の前にご記入ください。", { width: CONTENT_WIDTH });
  doc.moveDown(0.5);
  doc.text(invoice.rounding.noteJa, { width: CONTENT_WIDTH });
  doc.text(invoice.rounding.noteEn, { width: CONTENT_WIDTH });
  doc.text("数量の時間は秒単位の利用時間を時間に換算し小数第3位未満を切り捨てて表示しています。全明細が標準税率（10%）対象です。", { width: CONTENT_WIDTH });
}

const BOTTOM = A4.height - MARGIN;

/** Renders the invoice PDF. Deterministic metadata (dates come from the invoice, not the clock). */
export function renderInvoicePdf(invoice: Invoice): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const issued = new Date(invoice.issuedAt);
    const doc = new PDFDocument({
      size: "A4",
      margin: MARGIN,
      autoFirstPage: true,
      info: {
        Title: `${invoice.titleJa} ${invoice.number}`,
        Author: invoice.issuer.nameJa,
        Subject: `${invoice.recipient.legalNameJa} ${invoice.month}`,
        Creator: "Hinoki billing",
        CreationDate: issued,
        ModDate: issued,
      },
    });
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      doc.registerFont("regular", fontBytes("regular"));
      doc.registerFont("bold", fontBytes("bold"));
      let y = header(doc, invoice);
      y = tableHeader(doc, y);
      if (invoice.lines.length === 0) {
        doc.font("regular").fontSize(9).fillColor(MUTED).text("当月のご利用はありません。 / No usage this month.", MARGIN + 4, y + 2);
        y += 18;
      }
      for (const line of invoice.lines) {
        if (y + rowHeight(doc, line) > BOTTOM - 20) {
          doc.addPage();
          doc.font("regular").fontSize(8).fillColor(MUTED).text(`${invoice.number}（続き / continued）`, MARGIN, MARGIN);
          y = tableHeader(doc, MARGIN + 16);
        }
        y = lineRow(doc, line, y);
      }
      const needed = 14 * 2 * invoice.taxes.length + 24 + 110;
      if (y + needed > BOTTOM) {
        doc.addPage();
        y = MARGIN;
      }
      y = totals(doc, invoice, y + 8);
      y = breakdown(doc, invoice, y);
      if (y + 110 > BOTTOM) {
        doc.addPage();
        y = MARGIN;
      }
      footer(doc, invoice, y + 6);
      doc.end();
    } catch (error) {
      reject(error);
    }
  });
}
