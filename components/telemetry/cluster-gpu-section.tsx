"use client";
import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { RangeSwitch } from "@/components/ui/range-switch";
import { Skeleton } from "@/components/ui/skeleton";
import { useClusterTelemetry } from "@/lib/client/telemetry/use-telemetry";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ResourceNode } from "@/lib/domain/control-plane";
import type { TelemetryRange } from "@/lib/domain/telemetry";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { GpuEventsTimeline } from "./gpu-events-timeline";
import { IdleGpuFindings } from "./idle-gpu-findings";

// The GPU section of a cluster page: idle finding, the charts for the whole cluster or one node
// over 1 h / 24 h / 7 d, the hardware timeline and the Prometheus scrape address.

const GpuCharts = dynamic(() => import("./gpu-charts"), { ssr: false, loading: () => <Skeleton className="h-64 w-full" /> });
const RANGES: TelemetryRange[] = ["1h", "24h", "7d"];

export function ClusterGpuSection({ slug, clusterId, nodes }: { slug: string; clusterId: string; nodes: ResourceNode[] | null }) {
  const t = useTranslations("telemetry");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const [range, setRange] = useState<TelemetryRange>("1h");
  const [nodeId, setNodeId] = useState<string | null>(null);
  const series = useClusterTelemetry(slug, clusterId, range, nodeId);
  const gpuNodes = (nodes ?? []).filter((n) => n.gpus.length > 0);
  const promPath = `/api/v1/orgs/${slug}/clusters/${clusterId}/metrics/prometheus`;

  return (
    <section aria-labelledby="gpu-section-title" className="space-y-4" data-testid="gpu-section">
      <IdleGpuFindings slug={slug} clusterId={clusterId} />
      <Card>
        <CardHeader
          title={<span id="gpu-section-title">{t("title")}</span>}
          description={series.data?.latestSampleAt ? t("latest", { at: formatDateTime(series.data.latestSampleAt, locale) }) : t("waiting")}
        />
        <CardBody className="space-y-4">
          <div className="flex flex-wrap items-center gap-3">
            <RangeSwitch label={t("rangeLabel")} options={RANGES.map((r) => ({ value: r, label: t(`range.${r}`) }))} value={range} onChange={setRange} />
            <label className="flex items-center gap-2 text-sm">
              {t("scope")}
              <select className="rounded-md border border-line bg-white px-2 py-1" value={nodeId ?? ""} onChange={(e) => setNodeId(e.target.value || null)}>
                <option value="">{t("wholeCluster")}</option>
                {gpuNodes.map((n) => (
                  <option key={n.nodeId} value={n.nodeId}>
                    {n.hostname}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {series.error ? (
            <p role="alert" className="text-sm text-red-800">{errorMessage(series.error)}</p>
          ) : series.data ? (
            <GpuCharts series={series.data} locale={locale} />
          ) : (
            <Skeleton className="h-64 w-full" />
          )}
          <p className="text-xs text-muted">
            {t("prometheus")} <code className="break-all font-mono">{promPath}</code>
          </p>
        </CardBody>
      </Card>
      <GpuEventsTimeline slug={slug} clusterId={clusterId} />
    </section>
  );
}
