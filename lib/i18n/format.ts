import { TIME_ZONE, type Locale } from "./locales";

// Formatters for yen, numbers and Tokyo time. Everything the user reads goes through these,
// so that money is always ¥ with grouping and time is always Asia/Tokyo, whatever the
// server's or the browser's own time zone.

const yenFormatters = new Map<Locale, Intl.NumberFormat>();
export function formatYen(amount: number, locale: Locale = "ja"): string {
  let f = yenFormatters.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { style: "currency", currency: "JPY", maximumFractionDigits: 0 });
    yenFormatters.set(locale, f);
  }
  // Intl renders JPY with a full-width ￥ in ja-JP; Japanese invoices and UIs commonly use ¥.
  return f.format(amount).replace("￥", "¥");
}

/** Yen with decimals only when a contract discount leaves some (¥275.5 an hour). */
export function formatUnitYen(amount: number, locale: Locale = "ja"): string {
  if (Number.isInteger(amount)) return formatYen(amount, locale);
  return `¥${formatNumber(amount, locale, 4)}`;
}

export function formatNumber(value: number, locale: Locale = "ja", maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale === "ja" ? "ja-JP" : "en-US", { maximumFractionDigits }).format(value);
}

function tokyoParts(date: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** 2026年11月22日 12:00 (ja) or 2026-11-22 12:00 JST (en). */
export function formatDateTime(input: Date | string, locale: Locale = "ja"): string {
  const p = tokyoParts(new Date(input));
  if (locale === "ja") return `${p.year}年${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} JST`;
}

/** 2026年11月22日 (ja) or 2026-11-22 (en), in Tokyo. */
export function formatDate(input: Date | string, locale: Locale = "ja"): string {
  const p = tokyoParts(new Date(input));
  if (locale === "ja") return `${p.year}年${Number(p.month)}月${Number(p.day)}日`;
  return `${p.year}-${p.month}-${p.day}`;
}

/** "3分前" / "3 minutes ago"; falls back to the absolute date beyond a week. */
export function formatRelative(input: Date | string, locale: Locale = "ja", now: Date = new Date()): string {
  const seconds = Math.round((new Date(input).getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  const rtf = new Intl.RelativeTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { numeric: "auto" });
  // ICU writes "3 分前"; Japanese UI text has no space between the number and its unit.
  const tidy = (text: string) => (locale === "ja" ? text.replace(/(\d) (?=[秒分時日])/, "$1") : text);
  if (abs < 45) return locale === "ja" ? "たった今" : "just now";
  if (abs < 45 * 60) return tidy(rtf.format(Math.round(seconds / 60), "minute"));
  if (abs < 22 * 3600) return tidy(rtf.format(Math.round(seconds / 3600), "hour"));
  if (abs < 7 * 86400) return tidy(rtf.format(Math.round(seconds / 86400), "day"));
  return formatDate(input, locale);
}
