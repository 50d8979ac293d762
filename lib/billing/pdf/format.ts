import { dateLabelJa } from "@/lib/domain/billing";

// Number and date formatting for documents, without relying on the runtime's ICU data.

export function groupDigits(value: string | number): string {
  const s = String(value);
  const [whole, frac] = s.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${frac !== undefined ? `.${frac}` : ""}`;
}

export function yen(value: number): string {
  return `¥${groupDigits(value)}`;
}

export function jaDate(day: string): string {
  return dateLabelJa(day);
}
