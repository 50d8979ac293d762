"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useIdleGpus } from "@/lib/client/telemetry/use-telemetry";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// "8 GPUs under 5 % for 6 hours — about ¥43,200 of list price", with the way to scale the pool
// down. On the overview for every cluster, on a cluster page for that cluster. Says nothing when
// nothing is idle.

export function IdleGpuFindings({ slug, clusterId }: { slug: string; clusterId?: string }) {
  const t = useTranslations("telemetry.idle");
  const locale = useLocale() as Locale;
  const findings = useIdleGpus(slug, clusterId ?? null);
  const items = findings.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label={t("title")} className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950" data-testid="idle-gpu-findings">
      <h2 className="mb-2 font-semibold">{t("title")}</h2>
      <ul className="space-y-2">
        {items.map((f) => {
          const hours = f.windowMinutes % 60 === 0 ? t("hours", { hours: f.windowMinutes / 60 }) : t("minutes", { minutes: f.windowMinutes });
          return (
            <li key={`${f.clusterId}/${f.poolId}`} data-testid="idle-gpu-finding" className="flex flex-wrap items-baseline justify-between gap-2">
              <span>
                {t("finding", {
                  cluster: f.clusterName,
                  pool: f.poolName ?? f.shapeId,
                  gpus: f.gpus,
                  threshold: f.thresholdPercent,
                  duration: hours,
                  cost: formatYen(f.listCost.amount, locale),
                })}
              </span>
              <Link className="font-medium text-brand-700 underline" href={`/${slug}/clusters/${f.clusterId}`}>
                {f.suggestedCount !== null ? t("scaleDownTo", { count: f.suggestedCount }) : t("review")}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
