import "server-only";

// RFC 4180 CSV with CRLF line ends (what Excel expects). Text cells that a spreadsheet would take
// for a formula (= + - @ at the start) are prefixed with an apostrophe; numbers are left alone.

export type Cell = string | number | bigint | null | undefined;

const NUMERIC = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: Cell): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && !NUMERIC.test(s) && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(cell).join(",")}\r\n`;
}

export const UTF8_BOM = "\uFEFF";
