"use client";
import { useTranslations } from "next-intl";
import { MetricsChart } from "@/components/endpoints/metrics-chart";
import type { TelemetrySeries } from "@/lib/domain/telemetry";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// The four GPU charts (utilisation, memory, power, temperature), each with its table. Loaded on
// demand (next/dynamic) by the pages that show them.

export default function GpuCharts({ series, locale, only }: { series: TelemetrySeries; locale: Locale; only?: "utilization" }) {
  const t = useTranslations("telemetry.charts");
  const times = series.points.map((p) => p.at);
  const withDate = series.range !== "1h";
  const n = (digits: number, unit: string) => (v: number) => `${formatNumber(v, locale, digits)}${unit}`;
  const common = { times, withDate, locale, empty: t("noData") };
  const utilization = (
    <MetricsChart
      {...common}
      title={t("utilization")}
      format={n(0, "%")}
      series={[
        { label: t("mean"), className: "stroke-brand-600", values: series.points.map((p) => p.utilization) },
        { label: t("max"), className: "stroke-amber-600", values: series.points.map((p) => p.utilizationMax) },
      ]}
    />
  );
  if (only === "utilization") return <div data-testid="gpu-charts">{utilization}</div>;
  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="gpu-charts">
      {utilization}
      <MetricsChart {...common} title={t("memory")} format={n(0, "%")} series={[{ label: t("memoryUsed"), className: "stroke-emerald-600", values: series.points.map((p) => p.memoryUsed) }]} />
      <MetricsChart {...common} title={t("power")} format={n(0, " W")} series={[{ label: t("powerPerGpu"), className: "stroke-sky-600", values: series.points.map((p) => p.power) }]} />
      <MetricsChart
        {...common}
        title={t("temperature")}
        format={n(0, " ℃")}
        series={[
          { label: t("mean"), className: "stroke-rose-600", values: series.points.map((p) => p.temperature) },
          { label: t("max"), className: "stroke-amber-600", values: series.points.map((p) => p.temperatureMax) },
        ]}
      />
    </div>
  );
}
