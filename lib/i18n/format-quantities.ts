import type { Locale } from "./locales";

// One formatter per kind of number the console shows, beside formatYen and the date formatters in
// ./format. Pages never build these strings themselves, so a GPU count, a percentage or a month
// reads the same on every page ("16 GPU", "1,000%超", "2026年12月", "6,368万トークン").

const tag = (locale: Locale) => (locale === "ja" ? "ja-JP" : "en-US");

/** Grouped digits with at most `fractionDigits` decimals, trailing zeros dropped (1,152 · 275.5). */
export function formatQuantity(value: number | string, locale: Locale = "ja", fractionDigits = 3): string {
  return new Intl.NumberFormat(tag(locale), { maximumFractionDigits: fractionDigits }).format(Number(value));
}

/** A percentage to one decimal at most; beyond 1,000 % it stops counting ("1,000%超" / "over 1,000%"). */
export const PERCENT_CAP = 1000;
export function formatPercent(value: number, locale: Locale = "ja", fractionDigits = 1): string {
  if (value > PERCENT_CAP) return locale === "ja" ? `${formatQuantity(PERCENT_CAP, locale)}%超` : `over ${formatQuantity(PERCENT_CAP, locale)}%`;
  return `${formatQuantity(value, locale, fractionDigits)}%`;
}

/** A count of GPUs, optionally of one model: "16 GPU", "H100 × 8 GPU" (ja); "1 GPU", "16 GPUs", "8 × H100 GPUs" (en). */
export function formatGpus(count: number, locale: Locale = "ja", model?: string): string {
  const n = formatQuantity(count, locale, 0);
  if (locale === "ja") return model ? `${model} × ${n} GPU` : `${n} GPU`;
  const unit = count === 1 ? "GPU" : "GPUs";
  return model ? `${n} × ${model} ${unit}` : `${n} ${unit}`;
}

/** Hours of use, up to three decimals: "1,152 時間" / "1,152 hours" (and "1 hour"). */
export function formatHours(hours: number | string, locale: Locale = "ja"): string {
  const n = formatQuantity(hours, locale, 3);
  if (locale === "ja") return `${n} 時間`;
  return `${n} ${Number(hours) === 1 ? "hour" : "hours"}`;
}

/**
 * Tokens the way each language counts large numbers: Japanese in 万 and 億 (6,368万トークン,
 * 1.2億トークン), English in thousands and millions (63.7M tokens). Below 10,000 the exact count.
 */
export function formatTokens(tokens: number, locale: Locale = "ja"): string {
  if (locale === "ja") {
    if (tokens >= 100_000_000) return `${formatQuantity(tokens / 100_000_000, locale, 1)}億トークン`;
    if (tokens >= 10_000) return `${formatQuantity(Math.round(tokens / 10_000), locale, 0)}万トークン`;
    return `${formatQuantity(tokens, locale, 0)}トークン`;
  }
  if (tokens >= 10_000) return `${new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(tokens)} tokens`;
  return `${formatQuantity(tokens, locale, 0)} ${tokens === 1 ? "token" : "tokens"}`;
}

/** A billing month ("2026-12"): "2026年12月" / "December 2026". */
export function formatMonth(month: string, locale: Locale = "ja"): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (locale === "ja") return `${year}年${m}月`;
  return new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(year, m - 1, 1)));
}

/** Yen given as an exact decimal string (a unit price of ¥7,200 or ¥275.5 an hour). */
export function formatYenDecimal(amount: string, locale: Locale = "ja"): string {
  return `¥${formatQuantity(amount, locale, 6)}`;
}
