"use client";
import { useLocale, useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import { REGIONS } from "@/lib/domain/catalog/regions";
import type { Locale } from "@/lib/i18n/locales";
import { regionGroupLabel, zoneLabel } from "./zone-label";

/**
 * The zone picker of every launch wizard (clusters, endpoints): one label 「ゾーン」, zones grouped
 * by region and named by zoneLabel, and the zones the org's residency policy does not allow shown
 * but disabled with the reason — so a person sees the same places, named the same way, in both.
 */
export function ZoneSelect({ value, onChange, allowedZoneIds, error }: { value: string; onChange: (zoneId: string) => void; allowedZoneIds: ReadonlySet<string>; error?: string }) {
  const t = useTranslations("residency.zoneSelect");
  const locale = useLocale() as Locale;
  return (
    <SelectField label={t("label")} hint={t("hint")} value={value} onChange={(e) => onChange(e.target.value)} error={error}>
      {REGIONS.map((r) => (
        <optgroup key={r.id} label={regionGroupLabel(r.id, locale)}>
          {r.zones.map((z) => {
            const allowed = allowedZoneIds.has(z.id);
            return (
              <option key={z.id} value={z.id} disabled={!allowed && z.id !== value}>
                {zoneLabel(z, locale)}
                {allowed ? "" : ` ${t("outsidePolicy")}`}
              </option>
            );
          })}
        </optgroup>
      ))}
    </SelectField>
  );
}
