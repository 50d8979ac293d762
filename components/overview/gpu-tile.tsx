"use client";
import { useLocale, useTranslations } from "next-intl";
import type { Overview } from "@/lib/domain/overview";
import { formatGpus, formatQuantity } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { Tile } from "./tile";

export function GpuTile({ slug, gpus }: { slug: string; gpus: Overview["gpus"] }) {
  const t = useTranslations("overview");
  const locale = useLocale() as Locale;
  return (
    <Tile title={t("gpuUse")} href={`/${slug}/shapes`} linkLabel={t("toShapes")}>
      {gpus.length === 0 ? (
        <p className="text-sm text-muted">{t("noGpus")}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {gpus.map((g) => {
            const percent = g.limit > 0 ? Math.min(100, Math.round((g.inUse / g.limit) * 100)) : 100;
            return (
              <li key={`${g.regionId}:${g.gpuModel}`}>
                <div className="flex justify-between text-xs">
                  <span>
                    <span className="font-medium">{g.gpuModel}</span> <span className="text-muted">{g.regionId}</span>
                  </span>
                  <span className="tabular">{t("ofQuota", { used: formatQuantity(g.inUse, locale), limit: formatGpus(g.limit, locale) })}</span>
                </div>
                <div className="mt-1 h-2 overflow-hidden rounded bg-slate-200" role="meter" aria-valuenow={g.inUse} aria-valuemin={0} aria-valuemax={g.limit} aria-label={`${g.gpuModel} ${g.regionId}`}>
                  <div className={percent >= 90 ? "h-full bg-amber-500" : "h-full bg-brand-500"} style={{ width: `${percent}%` }} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </Tile>
  );
}
