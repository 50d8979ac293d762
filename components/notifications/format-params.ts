import { formatYen } from "@/lib/i18n/format";
import { formatMonth } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

// Notification parameters are stored raw (numbers, ISO dates, YYYY-MM); each reader sees them in
// their own language's format: yen for *Jpy, JST dates, "2026年11月" months.
export function formatNotificationParams(params: Record<string, string | number>, locale: Locale): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.endsWith("Jpy") && typeof value === "number") out[key] = formatYen(value, locale);
    else if (typeof value === "string" && /^\d{4}-\d{2}$/.test(value)) out[key] = formatMonth(value, locale);
    else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
      out[key] = locale === "ja" ? `${value.slice(0, 4)}年${Number(value.slice(5, 7))}月${Number(value.slice(8))}日` : value;
    } else out[key] = value;
  }
  return out;
}
