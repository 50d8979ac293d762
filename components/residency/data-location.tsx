"use client";
import { useLocale, useTranslations } from "next-intl";
import { MapPin } from "lucide-react";
import { findZone } from "@/lib/domain/catalog/regions";
import type { GpuModel } from "@/lib/domain/catalog/shapes";
import { CONFIDENTIAL_COMPUTING_MODELS, supportsConfidentialComputing } from "@/lib/domain/catalog/confidential-computing";
import type { Locale } from "@/lib/i18n/locales";

/**
 * 「データ保存先」 in every wizard: where the data will live (the facility, prefecture and ISO code
 * the residency statement will name), and, before launch, whether the chosen GPUs can ever get
 * the verdict 適合.
 */
export function DataLocation({ zoneId, gpuModels }: { zoneId: string; gpuModels: Array<GpuModel | null | undefined> }) {
  const t = useTranslations("residency.dataLocation");
  const locale = useLocale() as Locale;
  const zone = findZone(zoneId);
  if (!zone) return null;
  const f = zone.facility;
  const notCc = [...new Set(gpuModels.filter((m): m is GpuModel => !!m && !supportsConfidentialComputing(m)))];
  return (
    <section aria-labelledby="data-location-title" className="rounded-lg border border-line bg-white p-4 text-sm" data-testid="data-location">
      <h2 id="data-location-title" className="flex items-center gap-1.5 font-semibold text-ink">
        <MapPin className="size-4 text-brand-700" aria-hidden />
        {t("title")}
      </h2>
      <p className="mt-1 text-ink">
        {t("body", { facility: locale === "ja" ? f.nameJa : f.nameEn, prefecture: locale === "ja" ? f.prefectureJa : f.prefectureEn, iso: f.iso3166_2 })}
      </p>
      {notCc.map((model) => (
        <p key={model} className="mt-2 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-950" data-testid="data-location-cc-note">
          {t("ccNote", { model, supported: CONFIDENTIAL_COMPUTING_MODELS.join("・") })}
        </p>
      ))}
    </section>
  );
}
