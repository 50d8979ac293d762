import { z } from "zod";

// Billing time is Japan Standard Time. Japan has no daylight saving time, so JST is a fixed
// UTC+9 and month or day boundaries are exact instants computed by arithmetic, without a
// time-zone database: billing month "2026-11" = [2026-10-31T15:00Z, 2026-11-30T15:00Z).

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const BillingMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a billing month is YYYY-MM (JST)");
export type BillingMonth = z.infer<typeof BillingMonth>;

export const JstDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date is YYYY-MM-DD (JST)")
  .refine((s) => formatUtcDate(new Date(`${s}T00:00:00Z`)) === s, "not a calendar date");
export type JstDate = z.infer<typeof JstDate>;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function formatUtcDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function parseMonth(month: string): { year: number; month: number } {
  const m = BillingMonth.parse(month);
  return { year: Number(m.slice(0, 4)), month: Number(m.slice(5, 7)) };
}

/** The JST calendar date of an instant. */
export function jstDateOf(instant: Date | number): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  return formatUtcDate(new Date(ms + JST_OFFSET_MS));
}

/** The JST billing month of an instant: 2026-11-30T15:00Z is already "2026-12". */
export function jstMonthOf(instant: Date | number): string {
  return jstDateOf(instant).slice(0, 7);
}

/** The instant a JST day begins (00:00 JST). */
export function jstDayStart(day: string): Date {
  return new Date(Date.parse(`${JstDate.parse(day)}T00:00:00Z`) - JST_OFFSET_MS);
}

export function addDays(day: string, days: number): string {
  return formatUtcDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** [start, end) of a JST billing month as UTC instants. */
export function jstMonthRange(month: string): { start: Date; end: Date } {
  const { year, month: m } = parseMonth(month);
  return {
    start: new Date(Date.UTC(year, m - 1, 1) - JST_OFFSET_MS),
    end: new Date(Date.UTC(year, m, 1) - JST_OFFSET_MS),
  };
}

export function nextMonth(month: string): string {
  const { year, month: m } = parseMonth(month);
  return m === 12 ? `${year + 1}-01` : `${year}-${pad(m + 1)}`;
}

export function previousMonth(month: string): string {
  const { year, month: m } = parseMonth(month);
  return m === 1 ? `${year - 1}-12` : `${year}-${pad(m - 1)}`;
}

export function firstDayOfMonth(month: string): string {
  return `${BillingMonth.parse(month)}-01`;
}

export function lastDayOfMonth(month: string): string {
  return addDays(firstDayOfMonth(nextMonth(month)), -1);
}

/** Every JST date of a month, in order. */
export function daysOfMonth(month: string): string[] {
  const out: string[] = [];
  const end = firstDayOfMonth(nextMonth(month));
  for (let d = firstDayOfMonth(month); d < end; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthOfDay(day: string): string {
  return day.slice(0, 7);
}

/** "2026-11" → "2026年11月" for documents. */
export function monthLabelJa(month: string): string {
  const { year, month: m } = parseMonth(month);
  return `${year}年${m}月`;
}

/** "2026-12-31" → "2026年12月31日". */
export function dateLabelJa(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
