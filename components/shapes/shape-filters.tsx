"use client";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import type { GpuModel } from "@/lib/domain/catalog";
import type { ModelOption, RegionView } from "@/lib/domain/catalog-api";
import type { Locale } from "@/lib/i18n/locales";

export interface ShapeFilterValues {
  gpuModel: GpuModel | "";
  regionId: string;
  fitsModel: string;
}

export const GPU_MODELS: GpuModel[] = ["L40S", "H100", "H200", "B200", "GB200"];

export function ShapeFilters({
  value,
  regions,
  models,
  onChange,
  shown,
  total,
}: {
  value: ShapeFilterValues;
  regions: RegionView[];
  models: ModelOption[];
  /** Only what changed: the page applies it to the filters as they are at that moment. */
  onChange: (change: Partial<ShapeFilterValues>) => void;
  shown: number;
  total: number;
}) {
  const t = useTranslations("shapes.filters");
  const locale = useLocale() as Locale;
  const active = value.gpuModel || value.regionId || value.fitsModel;
  return (
    <div role="search" aria-label={t("label")} className="grid items-end gap-3 rounded-lg border border-line bg-white p-4 sm:grid-cols-[1fr_1fr_1.4fr_auto]">
      <SelectField label={t("gpuModel")} value={value.gpuModel} onChange={(e) => onChange({ gpuModel: e.target.value as GpuModel | "" })}>
        <option value="">{t("all")}</option>
        {GPU_MODELS.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("region")} value={value.regionId} onChange={(e) => onChange({ regionId: e.target.value })}>
        <option value="">{t("all")}</option>
        {regions.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name[locale]} ({r.id})
          </option>
        ))}
      </SelectField>
      <SelectField label={t("fitsModel")} value={value.fitsModel} onChange={(e) => onChange({ fitsModel: e.target.value })}>
        <option value="">{t("all")}</option>
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.displayName} ({m.minGpuMemoryGb} GB)
          </option>
        ))}
      </SelectField>
      <div className="flex flex-col items-start gap-1 sm:items-end">
        <Button variant="ghost" disabled={!active} onClick={() => onChange({ gpuModel: "", regionId: "", fitsModel: "" })}>
          {t("clear")}
        </Button>
        <p className="text-xs text-muted" aria-live="polite">
          {t("count", { shown, total })}
        </p>
      </div>
    </div>
  );
}
