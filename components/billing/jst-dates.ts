// JST calendar arithmetic for the billing pages (Japan has no DST: a fixed +9 h), kept free of
// zod so it costs the browser nothing.

import { formatMonth } from "@/lib/i18n/format-quantities";

const JST_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;

const pad = (n: number) => String(n).padStart(2, "0");
const utcDate = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

export function jstToday(now: Date = new Date()): string {
  return utcDate(new Date(now.getTime() + JST_MS));
}

export function jstMonth(now: Date = new Date()): string {
  return jstToday(now).slice(0, 7);
}

export function addDays(day: string, days: number): string {
  return utcDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function addMonths(month: string, months: number): string {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + months, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

export function daysOf(month: string): string[] {
  const out: string[] = [];
  const end = `${addMonths(month, 1)}-01`;
  for (let d = `${month}-01`; d < end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The one month formatter (lib/i18n/format-quantities), under the name the billing pages use. */
export const monthLabel = formatMonth;

export function dayLabel(day: string, locale: "ja" | "en"): string {
  return locale === "ja" ? `${Number(day.slice(5, 7))}/${Number(day.slice(8))}` : day.slice(5);
}

export function dateLabel(day: string, locale: "ja" | "en"): string {
  return locale === "ja" ? `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8))}日` : day;
}

export const isBillingMonth = (v: string | null): v is string => !!v && /^\d{4}-(0[1-9]|1[0-2])$/.test(v);
