"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { GpuModel } from "@/lib/domain/catalog/shapes";
import type { RegionView, ShapeView } from "@/lib/domain/catalog-api";
import { fitsQuota, quotaHeadroom, type QuotaUse } from "@/lib/domain/launch-options";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

/**
 * What this org can do with a shape now, per region in view: the cloud may have free nodes
 * (the availability column) while this org's quota has none. Offers 「このシェイプで作成」 where
 * one node fits the quota, and the quota request where it does not.
 */
export function LaunchCell({ slug, shape, regions, quota, canLaunch, canRequest, onRequest }: {
  slug: string;
  shape: ShapeView;
  regions: RegionView[];
  quota: QuotaUse[] | undefined;
  canLaunch: boolean;
  canRequest: boolean;
  onRequest: (regionId: string, gpuModel: GpuModel) => void;
}) {
  const t = useTranslations("shapes.launch");
  const locale = useLocale() as Locale;
  const offered = regions.filter((r) => shape.regionIds.includes(r.id));
  if (offered.length === 0 || !quota) return <span className="text-xs text-muted">—</span>;
  return (
    <ul className="space-y-1.5" data-testid="launch-cell">
      {offered.map((region) => {
        const fits = fitsQuota(shape, 1, region.id, quota);
        const headroom = shape.gpuModel ? Math.max(0, quotaHeadroom(quota, region.id, shape.gpuModel)) : null;
        const zone = region.zones[0]?.id;
        return (
          <li key={region.id} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs" data-region={region.id}>
            {offered.length > 1 ? <span className="font-mono text-muted">{region.id}</span> : null}
            {fits ? <Badge tone="success">{t("now")}</Badge> : <Badge tone="warning">{t("overQuota", { free: formatGpus(headroom ?? 0, locale) })}</Badge>}
            {fits && canLaunch ? (
              <Link href={`/${slug}/clusters/new?${new URLSearchParams({ shape: shape.id, ...(zone ? { zone } : {}) })}`} className="whitespace-nowrap text-brand-700 underline">
                {t("create")}
              </Link>
            ) : null}
            {!fits && canRequest && shape.gpuModel ? (
              <button type="button" className="whitespace-nowrap text-brand-700 underline" onClick={() => onRequest(region.id, shape.gpuModel as GpuModel)}>
                {t("request")}
              </button>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
