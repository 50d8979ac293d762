"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardBody } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { RangeSwitch } from "@/components/ui/range-switch";
import { SelectField } from "@/components/ui/field";
import { useOrg } from "@/components/shell/org-context";
import { useEndpointMetrics } from "@/lib/client/endpoints/use-endpoint-metrics";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { EndpointView, MetricsRange } from "@/lib/domain/endpoints";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { MetricsChart } from "./metrics-chart";
import { EndpointGpuPanel } from "@/components/telemetry/endpoint-gpu-panel";

const RANGES: MetricsRange[] = ["hour", "day", "week"];

export function EndpointMetricsPanel({ endpoint }: { endpoint: EndpointView }) {
  const t = useTranslations("endpoints.metrics");
  const locale = useLocale() as Locale;
  const { slug } = useOrg();
  const errorMessage = useErrorMessage();
  const [range, setRange] = useState<MetricsRange>("hour");
  // One served model (the base, or `<base>:<adapter>`) or, with null, the whole endpoint.
  const [model, setModel] = useState<string | null>(null);
  const metrics = useEndpointMetrics(slug, endpoint.id, range, model);
  const n = (digits: number) => (v: number) => formatNumber(v, locale, digits);

  if (metrics.isLoading) return <Skeleton className="h-64 w-full" />;
  if (metrics.error || !metrics.data) return <p role="alert" className="text-sm text-red-800">{errorMessage(metrics.error)}</p>;
  const m = metrics.data;
  const times = m.points.map((p) => p.t);
  const withDate = range !== "hour";
  // The models with traffic in the range, and the one picked even when it had none.
  const models = model === null || m.models.includes(model) ? m.models : [...m.models, model];
  const totals: Array<[string, string, string]> = [
    ["requests", t("requests"), formatNumber(m.totals.requests, locale)],
    ["errors", t("errors"), formatNumber(m.totals.errors, locale)],
    ["inputTokens", t("inputTokens"), formatNumber(m.totals.inputTokens, locale)],
    ["outputTokens", t("outputTokens"), formatNumber(m.totals.outputTokens, locale)],
    ["latency", `${t("p50")} / ${t("p95")}`, m.totals.p50LatencyMs === null ? "—" : `${formatNumber(m.totals.p50LatencyMs, locale)} / ${formatNumber(m.totals.p95LatencyMs ?? 0, locale)} ms`],
    ["coldStarts", t("coldStarts"), formatNumber(m.totals.coldStarts, locale)],
    ["maxColdStart", t("maxColdStart"), m.totals.maxColdStartMs === null ? "—" : `${formatNumber(m.totals.maxColdStartMs, locale)} ms`],
  ];

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <RangeSwitch label={t("rangeLabel")} options={RANGES.map((r) => ({ value: r, label: t(`range.${r}`) }))} value={range} onChange={setRange} />
        <SelectField label={t("modelLabel")} hint={t("modelHint")} className="min-w-64" value={model ?? ""} onChange={(e) => setModel(e.target.value === "" ? null : e.target.value)}>
          <option value="">{t("allModels")}</option>
          {models.map((id) => (
            <option key={id} value={id}>
              {id === endpoint.modelId ? t("baseModel", { model: id }) : id}
            </option>
          ))}
        </SelectField>
      </div>
      <Card>
        <CardBody>
          <h3 className="mb-2 text-sm font-semibold">{t("totals")}</h3>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7" data-testid="metrics-totals">
            {totals.map(([key, label, value]) => (
              <div key={key}>
                <dt className="text-xs text-muted">{label}</dt>
                <dd className="tabular text-lg font-semibold" data-testid={`total-${key}`}>{value}</dd>
              </div>
            ))}
          </dl>
        </CardBody>
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <MetricsChart title={t("requestsPerSecond")} times={times} withDate={withDate} locale={locale} format={n(2)} series={[{ label: t("requestsPerSecond"), className: "stroke-brand-600", values: m.points.map((p) => p.requestsPerSecond) }]} />
        <MetricsChart title={t("tokensPerSecond")} times={times} withDate={withDate} locale={locale} format={n(1)} series={[{ label: t("tokensPerSecond"), className: "stroke-emerald-600", values: m.points.map((p) => p.tokensPerSecond) }]} />
        <MetricsChart
          title={t("latency")}
          times={times}
          withDate={withDate}
          locale={locale}
          format={n(0)}
          series={[
            { label: t("p50"), className: "stroke-sky-600", values: m.points.map((p) => p.p50LatencyMs) },
            { label: t("p95"), className: "stroke-amber-600", values: m.points.map((p) => p.p95LatencyMs) },
          ]}
        />
        <EndpointGpuPanel slug={slug} endpointId={endpoint.id} range={range === "hour" ? "1h" : range === "day" ? "24h" : "7d"} />
        <MetricsChart
          title={t("ttft")}
          times={times}
          withDate={withDate}
          locale={locale}
          format={n(0)}
          series={[
            { label: t("p50"), className: "stroke-sky-600", values: m.points.map((p) => p.p50TtftMs) },
            { label: t("p95"), className: "stroke-amber-600", values: m.points.map((p) => p.p95TtftMs) },
          ]}
        />
        <MetricsChart title={t("replicas")} times={times} withDate={withDate} locale={locale} format={n(0)} series={[{ label: t("replicas"), className: "stroke-violet-600", values: m.points.map((p) => p.replicas) }]} />
      </div>
    </div>
  );
}
