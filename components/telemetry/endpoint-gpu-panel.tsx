"use client";
import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { Skeleton } from "@/components/ui/skeleton";
import { useEndpointTelemetry } from "@/lib/client/telemetry/use-telemetry";
import type { TelemetryRange } from "@/lib/domain/telemetry";
import type { Locale } from "@/lib/i18n/locales";

// An endpoint's GPU utilisation, beside its latency charts.

const GpuCharts = dynamic(() => import("./gpu-charts"), { ssr: false, loading: () => <Skeleton className="h-40 w-full" /> });

export function EndpointGpuPanel({ slug, endpointId, range }: { slug: string; endpointId: string; range: TelemetryRange }) {
  const t = useTranslations("telemetry");
  const locale = useLocale() as Locale;
  const series = useEndpointTelemetry(slug, endpointId, range);
  return (
    <section aria-label={t("endpointTitle")} data-testid="endpoint-gpu">
      {series.data ? <GpuCharts series={series.data} locale={locale} only="utilization" /> : <Skeleton className="h-40 w-full" />}
    </section>
  );
}
