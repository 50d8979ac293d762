"use client";
import { skuInfo } from "@/lib/domain/billing/price-book";
import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useState, type ReactNode } from "react";
import { Download } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useOrg } from "@/components/shell/org-context";
import { focusExportUrl, useCosts, useMonthToDate, useUsage } from "@/lib/client/billing/use-costs";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { CostCenterLabel, CostGroupByParam, CostReport, MonthToDateReport } from "@/lib/domain/billing-api";
import { REGIONS } from "@/lib/domain/catalog/regions";
import { formatNumber, formatYen } from "@/lib/i18n/format";
import { formatPercent } from "@/lib/i18n/format-quantities";
import { apportionYen } from "@/lib/domain/billing/apportion-yen";
import type { Locale } from "@/lib/i18n/locales";
import type { ChartDatum } from "./cost-chart";
import { ReservationCosts } from "./reservation-costs";
import { addDays, addMonths, dateLabel, dayLabel, daysOf, isBillingMonth, jstMonth, jstToday, monthLabel } from "./jst-dates";

// 「コスト」: month to date and the forecast, the month by day, the last 12 months, a breakdown by
// service, shape, region or resource, every resource with GPU-hours and yen, and the capacity
// reservations of the month (their own invoice lines, outside the usage totals). Charts load on
// demand; each has its numbers in a table beside it. The current month refreshes itself.

const CostChart = dynamic(() => import("./cost-chart"), { ssr: false, loading: () => <Skeleton className="h-64 w-full" /> });

const BREAKDOWNS = ["service", "shape", "region", "resource", "costCenter"] as const;
type Breakdown = (typeof BREAKDOWNS)[number];

function useKeyLabel(costCenters: readonly CostCenterLabel[] = []) {
  const t = useTranslations("billing");
  const locale = useLocale() as Locale;
  return (groupBy: CostGroupByParam, key: string): string => {
    if (groupBy === "costCenter") {
      const center = costCenters.find((c) => c.id === key);
      return center ? `${center.code} ${locale === "ja" ? center.nameJa : center.nameEn}` : t("costCenters.none");
    }
    if (groupBy === "service") return t.has(`services.${key}` as "services.kubernetes") ? t(`services.${key}` as "services.kubernetes") : key;
    if (groupBy === "region") {
      const region = REGIONS.find((r) => r.id === key);
      return region ? (locale === "ja" ? region.nameJa : region.nameEn) : key;
    }
    if (groupBy === "shape") {
      // SKUs by their names, so the Batch API's discounted tokens read as such beside the others.
      const info = skuInfo(key);
      return info ? (locale === "ja" ? info.nameJa : info.nameEn) : key;
    }
    if (groupBy === "day") return dateLabel(key, locale);
    if (groupBy === "month") return monthLabel(key, locale);
    return key;
  };
}

function Stat({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string }) {
  return (
    <Card className="p-4">
      <p className="text-xs font-medium text-muted">{label}</p>
      <p className="mt-1 text-2xl font-bold tabular text-ink" data-testid={testId}>
        {value}
      </p>
      {hint ? <p className="mt-1 text-xs text-muted">{hint}</p> : null}
    </Card>
  );
}

function Loading() {
  return (
    <div className="space-y-2">
      {Array.from({ length: 4 }, (_, i) => (
        <Skeleton key={i} className="h-6 w-full" />
      ))}
    </div>
  );
}

/** A chart with its numbers as a table beside it (charts are never the only way to read them). */
function ChartWithTable({ title, data, caption, keyHeader }: { title: string; data: ChartDatum[]; caption: string; keyHeader: string }) {
  const locale = useLocale() as Locale;
  const t = useTranslations("billing");
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <CostChart data={data} locale={locale} label={title} />
      {/* A scrolling table: focusable and named, so keyboard users can reach and scroll it. */}
      <div className="max-h-64 overflow-y-auto rounded-md border border-line" tabIndex={0} role="region" aria-label={caption}>
        <Table>
          <caption className="sr-only">{caption}</caption>
          <thead className="sticky top-0">
            <tr>
              <Th>{keyHeader}</Th>
              <Th numeric>{t("costExclTax")}</Th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.key}>
                <Td>{d.label}</Td>
                <Td numeric>{formatYen(d.costJpy, locale)}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </div>
  );
}

/** `initialMonthToDate`: this month's figures as the server page loaded them (the first paint needs no request). */
export function CostExplorer({ initialMonthToDate }: { initialMonthToDate?: MonthToDateReport }) {
  const { slug, via } = useOrg();
  const t = useTranslations("billing");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const search = useSearchParams();

  const today = jstToday();
  const currentMonth = jstMonth();
  const monthParam = search.get("month");
  const month = isBillingMonth(monthParam) && monthParam <= currentMonth ? monthParam : currentMonth;
  const byParam = search.get("by") as Breakdown | null;
  const by: Breakdown = byParam && (BREAKDOWNS as readonly string[]).includes(byParam) ? byParam : "service";
  const isCurrent = month === currentMonth;
  // Live while resources run; provider staff are not polled (each of their reads is audited).
  const live = via === "member";
  const from = `${month}-01`;
  const to = isCurrent ? addDays(today, 1) : `${addMonths(month, 1)}-01`;
  const poll = live && isCurrent ? 10_000 : false;

  const mtd = useMonthToDate(slug, live ? 5_000 : false, initialMonthToDate);
  // 部門・プロジェクト filter (in the URL): the daily chart and the breakdown show that cost center's spend only.
  const costCenter = search.get("costCenter") ?? undefined;
  const daily = useCosts(slug, { from, to, groupBy: "day", costCenter }, poll);
  const yearFrom = `${addMonths(currentMonth, -11)}-01`;
  const monthly = useCosts(slug, { from: yearFrom, to: addDays(today, 1), groupBy: "month" }, live ? 30_000 : false);
  const breakdown = useCosts(slug, { from, to, groupBy: by, costCenter }, poll);
  const costCenters = breakdown.data?.costCenters ?? [];
  const keyLabel = useKeyLabel(costCenters);
  const usage = useUsage(slug, { from, to }, poll);

  const setAddressParam = (name: string, value: string | null) => replaceAddressQuery({ [name]: value });

  const dailyData: ChartDatum[] = (() => {
    const byDay = new Map((daily.data?.rows ?? []).map((r) => [r.key, r.costJpy]));
    return daysOf(month)
      .filter((d) => !isCurrent || d <= today)
      .map((d) => ({ key: d, label: dayLabel(d, locale), costJpy: byDay.get(d) ?? 0 }));
  })();
  const monthlyData: ChartDatum[] = (() => {
    const byMonth = new Map((monthly.data?.rows ?? []).map((r) => [r.key, r.costJpy]));
    return Array.from({ length: 12 }, (_, i) => addMonths(currentMonth, i - 11)).map((m) => ({ key: m, label: monthLabel(m, locale), costJpy: byMonth.get(m) ?? 0 }));
  })();
  // Whole yen that add up: the rows sum to the total, and the total is the month-to-date figure.
  const breakdownExact = (breakdown.data as CostReport | undefined)?.rows ?? [];
  const breakdownYen = apportionYen(breakdownExact.map((r) => BigInt(r.costExactRu)));
  const breakdownRows = breakdownExact.map((r, i) => ({ ...r, costJpy: breakdownYen.rows[i] }));
  const breakdownTotal = breakdownYen.total;

  const resources = (() => {
    const map = new Map<string, { id: string; kind: string; regionId: string; skus: Set<string>; gpuHours: number; tokens: number; costJpy: number }>();
    for (const line of usage.data?.items ?? []) {
      const r = map.get(line.resourceId) ?? { id: line.resourceId, kind: line.resourceKind, regionId: line.regionId, skus: new Set<string>(), gpuHours: 0, tokens: 0, costJpy: 0 };
      r.skus.add(line.sku);
      r.gpuHours += line.gpuHours;
      r.tokens += line.tokens;
      r.costJpy += line.costJpy;
      map.set(line.resourceId, r);
    }
    return [...map.values()].sort((a, b) => b.costJpy - a.costJpy);
  })();

  const months = Array.from({ length: 12 }, (_, i) => addMonths(currentMonth, -i));

  return (
    <div className="space-y-6">
      <section aria-labelledby="mtd-heading" className="space-y-3">
        <h2 id="mtd-heading" className="sr-only">
          {t("monthToDate")}
        </h2>
        {mtd.error ? (
          <p role="alert" className="text-sm text-red-800">
            {errorMessage(mtd.error)}
          </p>
        ) : (
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            <Stat
              label={t("monthToDateOf", { month: monthLabel(mtd.data?.month ?? currentMonth, locale) })}
              value={mtd.data ? formatYen(mtd.data.monthToDateJpy, locale) : <Skeleton className="h-8 w-32" />}
              hint={t("exclTaxLive")}
              testId="month-to-date"
            />
            <Stat label={t("forecast")} value={mtd.data ? formatYen(mtd.data.forecastJpy, locale) : <Skeleton className="h-8 w-32" />} hint={t("forecastHint")} testId="forecast" />
            <Stat
              label={t("elapsed")}
              value={mtd.data ? formatPercent(mtd.data.elapsedFraction * 100, locale) : <Skeleton className="h-8 w-20" />}
              hint={t("elapsedHint")}
            />
            <Stat
              label={t("budget")}
              value={mtd.data ? (mtd.data.budgets[0] ? formatPercent(mtd.data.budgets[0].percentUsed, locale) : t("noBudget")) : <Skeleton className="h-8 w-20" />}
              hint={mtd.data?.budgets[0] ? t("budgetHint", { name: mtd.data.budgets[0].name, amount: formatYen(mtd.data.budgets[0].monthlyAmountJpy, locale) }) : t("noBudgetHint")}
            />
          </div>
        )}
      </section>

      <div className="flex flex-wrap items-end gap-3">
        <SelectField label={t("month")} value={month} onChange={(e) => setAddressParam("month", e.target.value === currentMonth ? null : e.target.value)} className="w-48">
          {months.map((m) => (
            <option key={m} value={m}>
              {monthLabel(m, locale)}
              {m === currentMonth ? ` ${t("currentMonthSuffix")}` : ""}
            </option>
          ))}
        </SelectField>
        <p className="pb-2 text-xs text-muted">{t("allAmountsNote")}</p>
      </div>

      <Card>
        <CardHeader title={t("dailyTitle", { month: monthLabel(month, locale) })} description={t("dailyDescription")} />
        <CardBody>{daily.isLoading ? <Loading /> : daily.error ? <p role="alert" className="text-sm text-red-800">{errorMessage(daily.error)}</p> : <ChartWithTable title={t("dailyTitle", { month: monthLabel(month, locale) })} caption={t("dailyTitle", { month: monthLabel(month, locale) })} keyHeader={t("day")} data={dailyData} />}</CardBody>
      </Card>

      <Card>
        <CardHeader title={t("monthlyTitle")} description={t("monthlyDescription")} />
        <CardBody>{monthly.isLoading ? <Loading /> : monthly.error ? <p role="alert" className="text-sm text-red-800">{errorMessage(monthly.error)}</p> : <ChartWithTable title={t("monthlyTitle")} caption={t("monthlyTitle")} keyHeader={t("month")} data={monthlyData} />}</CardBody>
      </Card>

      <Card>
        <CardHeader
          title={t("breakdownTitle")}
          description={t("breakdownDescription", { month: monthLabel(month, locale) })}
          actions={
            <div className="flex flex-wrap items-center gap-2">
            {costCenters.length > 0 ? (
              <label className="flex items-center gap-2 text-xs text-muted">
                {t("costCenters.filter")}
                <select
                  value={costCenter ?? ""}
                  onChange={(e) => setAddressParam("costCenter", e.target.value || null)}
                  className="rounded-md border border-line bg-white px-2 py-1 text-xs text-ink"
                >
                  <option value="">{t("costCenters.all")}</option>
                  {costCenters.map((c) => (
                    <option key={c.id} value={c.id}>
                      {`${c.code} ${locale === "ja" ? c.nameJa : c.nameEn}`}
                    </option>
                  ))}
                  <option value="none">{t("costCenters.none")}</option>
                </select>
              </label>
            ) : null}
            <div role="group" aria-label={t("breakdownBy")} className="flex rounded-md border border-line p-0.5">
              {BREAKDOWNS.map((b) => (
                <button
                  key={b}
                  type="button"
                  aria-pressed={by === b}
                  onClick={() => setAddressParam("by", b === "service" ? null : b)}
                  className={`rounded px-3 py-1 text-xs ${by === b ? "bg-brand-600 font-medium text-white" : "text-ink hover:bg-black/5"}`}
                >
                  {t(`groupBy.${b}`)}
                </button>
              ))}
            </div>
            </div>
          }
        />
        <CardBody>
          {breakdown.isLoading ? (
            <Loading />
          ) : breakdown.error ? (
            <p role="alert" className="text-sm text-red-800">{errorMessage(breakdown.error)}</p>
          ) : breakdownRows.length === 0 ? (
            <p className="text-sm text-muted">{t("noUsage")}</p>
          ) : (
            <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
              <CostChart data={breakdownRows.slice(0, 12).map((r) => ({ key: r.key, label: keyLabel(by, r.key), costJpy: r.costJpy }))} locale={locale} label={t("breakdownTitle")} />
              <Table>
                <caption className="sr-only">{t("breakdownTitle")}</caption>
                <thead>
                  <tr>
                    <Th>{t(`groupBy.${by}`)}</Th>
                    <Th numeric>{t("gpuHours")}</Th>
                    <Th numeric>{t("costExclTax")}</Th>
                    <Th numeric>{t("share")}</Th>
                  </tr>
                </thead>
                <tbody>
                  {breakdownRows.map((r) => (
                    <tr key={r.key}>
                      <Td className={by === "resource" || by === "shape" ? "font-mono text-xs" : undefined}>{keyLabel(by, r.key)}</Td>
                      <Td numeric>{formatNumber(r.gpuHours, locale, 1)}</Td>
                      <Td numeric>{formatYen(r.costJpy, locale)}</Td>
                      <Td numeric>{breakdownTotal > 0 ? formatPercent((r.costJpy / breakdownTotal) * 100, locale) : "—"}</Td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr className="font-semibold">
                    <Td>{t("total")}</Td>
                    <Td numeric>{formatNumber(breakdown.data?.total.gpuHours ?? 0, locale, 1)}</Td>
                    <Td numeric data-testid="breakdown-total">{formatYen(breakdownTotal, locale)}</Td>
                    <Td numeric>100%</Td>
                  </tr>
                </tfoot>
              </Table>
            </div>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title={t("resourcesTitle")} description={t("resourcesDescription", { month: monthLabel(month, locale) })} />
        {usage.isLoading ? (
          <CardBody>
            <Loading />
          </CardBody>
        ) : usage.error ? (
          <CardBody>
            <p role="alert" className="text-sm text-red-800">{errorMessage(usage.error)}</p>
          </CardBody>
        ) : resources.length === 0 ? (
          <CardBody>
            <p className="text-sm text-muted">{t("noUsage")}</p>
          </CardBody>
        ) : (
          <Table data-testid="resource-costs">
            <thead>
              <tr>
                <Th>{t("resource")}</Th>
                <Th>{t("kind")}</Th>
                <Th>{t("groupBy.region")}</Th>
                <Th>{t("groupBy.shape")}</Th>
                <Th numeric>{t("gpuHours")}</Th>
                <Th numeric>{t("costExclTax")}</Th>
              </tr>
            </thead>
            <tbody>
              {resources.map((r) => (
                <tr key={r.id}>
                  <Td className="font-mono text-xs">{r.id}</Td>
                  <Td>{t(`kinds.${r.kind === "endpoint" ? "endpoint" : "cluster"}`)}</Td>
                  <Td>{keyLabel("region", r.regionId)}</Td>
                  <Td className="font-mono text-xs">{[...r.skus].join(", ")}</Td>
                  <Td numeric>{formatNumber(r.gpuHours, locale, 1)}</Td>
                  <Td numeric>{formatYen(r.costJpy, locale)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>

      {breakdown.data ? <ReservationCosts slug={slug} month={monthLabel(month, locale)} isCurrent={isCurrent} data={breakdown.data.reservations} /> : null}

      <FocusExport slug={slug} defaultFrom={from} defaultTo={addDays(to, -1)} />
    </div>
  );
}

/** FOCUS export for any JST date range (both ends inclusive here; the API takes an exclusive end). */
function FocusExport({ slug, defaultFrom, defaultTo }: { slug: string; defaultFrom: string; defaultTo: string }) {
  const t = useTranslations("billing");
  const [range, setRange] = useState({ from: defaultFrom, to: defaultTo });
  const invalid = !range.from || !range.to || range.from > range.to;
  const tooLong = !invalid && Date.parse(range.to) - Date.parse(range.from) >= 400 * 86_400_000;
  return (
    <Card>
      <CardHeader title={t("focusTitle")} description={t("focusDescription")} />
      <CardBody className="flex flex-wrap items-end gap-3">
        <TextField type="date" label={t("focusFrom")} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} className="w-44" />
        <TextField
          type="date"
          label={t("focusTo")}
          value={range.to}
          onChange={(e) => setRange({ ...range, to: e.target.value })}
          className="w-44"
          error={invalid ? t("focusInvalid") : tooLong ? t("focusTooLong") : undefined}
        />
        {invalid || tooLong ? (
          <Button variant="secondary" disabled>
            <Download className="size-4" aria-hidden />
            {t("focusDownload")}
          </Button>
        ) : (
          <Button variant="secondary" asChild>
            <a href={focusExportUrl(slug, range.from, addDays(range.to, 1))} download>
              <Download className="size-4" aria-hidden />
              {t("focusDownload")}
            </a>
          </Button>
        )}
      </CardBody>
    </Card>
  );
}
