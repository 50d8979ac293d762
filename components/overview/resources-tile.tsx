"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { Overview } from "@/lib/domain/overview";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { resourceTone } from "./status-tone";
import { Tile } from "./tile";

export function ResourcesTile({ slug, resources }: { slug: string; resources: Overview["resources"] }) {
  const t = useTranslations("overview");
  const locale = useLocale() as Locale;
  const summary = (label: string, c: { running: number; inProgress: number; failed: number }) => (
    <div className="rounded-md bg-canvas px-3 py-2">
      <p className="text-xs text-muted">{label}</p>
      <p className="text-sm">
        <span className="text-2xl font-bold tabular" data-testid={`${label}-running`}>{c.running}</span> <span className="text-muted">{t("running")}</span>
        {c.inProgress > 0 ? <span className="ml-2 text-sky-800">{t("inProgress", { count: c.inProgress })}</span> : null}
        {c.failed > 0 ? <span className="ml-2 text-red-700">{t("failedCount", { count: c.failed })}</span> : null}
      </p>
    </div>
  );
  return (
    <Tile title={t("resources")} className="lg:col-span-2">
      <div className="mb-3 grid grid-cols-2 gap-2">
        {summary(t("clusters"), resources.clusters)}
        {summary(t("endpoints"), resources.endpoints)}
      </div>
      {resources.items.length === 0 ? (
        <p className="text-sm text-muted">
          {t("noResources")}{" "}
          <Link href={`/${slug}/clusters`} className="text-brand-700 underline">
            {t("launchCluster")}
          </Link>
        </p>
      ) : (
        <ul className="divide-y divide-line text-sm" data-testid="overview-resources">
          {resources.items.map((r) => (
            <li key={r.id} className="flex items-center gap-3 py-1.5">
              <Badge tone={resourceTone(r.status)}>{t(`status.${r.status}` as "status.running")}</Badge>
              <Link href={`/${slug}/${r.kind === "cluster" ? "clusters" : "endpoints"}/${r.id}`} className="min-w-0 flex-1 truncate font-medium hover:underline">
                {r.name}
              </Link>
              <span className="hidden text-xs text-muted sm:inline">{r.zoneId}</span>
              <span className="w-20 text-right text-xs tabular text-muted">{r.gpus > 0 ? t("gpus", { count: formatGpus(r.gpus, locale) }) : ""}</span>
              {r.operation && r.operation.status !== "succeeded" && r.status !== "running" ? (
                <span className="w-24" title={r.operation.currentStep ?? undefined}>
                  <span className="block h-1.5 overflow-hidden rounded bg-slate-200" role="progressbar" aria-valuenow={r.operation.progress} aria-valuemin={0} aria-valuemax={100} aria-label={t("progress")}>
                    <span className="block h-full bg-sky-600" style={{ width: `${r.operation.progress}%` }} />
                  </span>
                </span>
              ) : r.failureReason ? (
                <span className="w-24 truncate text-xs text-red-700" title={r.failureReason}>{r.failureReason}</span>
              ) : (
                <span className="w-24" />
              )}
            </li>
          ))}
        </ul>
      )}
    </Tile>
  );
}
