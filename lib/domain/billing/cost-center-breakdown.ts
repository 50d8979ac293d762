import type { Invoice } from "./invoice";

// 内訳: an invoice's amount by cost center (部門・プロジェクト) and 発注番号, summed from its
// lines (which are already split by who paid), so the breakdown adds up to the subtotal exactly.
// Lines without a cost center (and the commitment shortfall) form the "none" row.

export interface CostCenterBreakdownRow {
  costCenter: { id: string; code: string; nameJa: string; nameEn: string } | null;
  poNumbers: string[];
  lineNos: number[];
  amountJpy: number;
}

export function costCenterBreakdown(invoice: Pick<Invoice, "lines">): CostCenterBreakdownRow[] {
  const rows = new Map<string, CostCenterBreakdownRow>();
  for (const line of invoice.lines) {
    const key = line.costCenter?.id ?? "";
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { costCenter: line.costCenter ?? null, poNumbers: [], lineNos: [], amountJpy: 0 }));
    row.amountJpy += line.amountJpy;
    row.lineNos.push(line.lineNo);
    if (line.poNumber && !row.poNumbers.includes(line.poNumber)) row.poNumbers.push(line.poNumber);
  }
  // Named cost centers by code, then the unallocated rest.
  return [...rows.values()].sort((a, b) => (a.costCenter ? (b.costCenter ? a.costCenter.code.localeCompare(b.costCenter.code) : -1) : b.costCenter ? 1 : 0));
}

/** True when any line names a cost center or a PO number (otherwise there is nothing to break down). */
export function hasCostAllocation(invoice: Pick<Invoice, "lines">): boolean {
  return invoice.lines.some((l) => l.costCenter || l.poNumber);
}
