"use client";
import { useLocale, useTranslations } from "next-intl";
import type { Overview } from "@/lib/domain/overview";
import { formatYen } from "@/lib/i18n/format";
import { formatMonth, formatPercent } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { Tile } from "./tile";

export function SpendTile({ slug, spend }: { slug: string; spend: NonNullable<Overview["spend"]> }) {
  const t = useTranslations("overview");
  const locale = useLocale() as Locale;
  return (
    <Tile title={t("spend", { month: formatMonth(spend.month, locale) })} href={`/${slug}/billing`} linkLabel={t("toBilling")}>
      <p className="text-xs text-muted">{t("monthToDate")}</p>
      <p className="text-2xl font-bold tabular" data-testid="overview-mtd">{formatYen(spend.monthToDateJpy, locale)}</p>
      <p className="mt-1 text-sm text-muted">
        {t("forecast")}: <span className="tabular text-ink">{formatYen(spend.forecastJpy, locale)}</span>
      </p>
      {spend.budgets.length > 0 ? (
        <ul className="mt-3 space-y-2 text-xs">
          {spend.budgets.map((b) => (
            <li key={b.id}>
              <div className="flex justify-between">
                <span>{b.name}</span>
                <span className="tabular">
                  {formatPercent(b.percentUsed, locale, 0)} / {formatYen(b.monthlyAmountJpy, locale)}
                </span>
              </div>
              <div className="mt-1 h-1.5 overflow-hidden rounded bg-slate-200">
                <div className={b.percentUsed >= 100 ? "h-full bg-red-600" : b.percentUsed >= 80 ? "h-full bg-amber-500" : "h-full bg-brand-500"} style={{ width: `${Math.min(100, b.percentUsed)}%` }} />
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-xs text-muted">{t("noBudget")}</p>
      )}
    </Tile>
  );
}
