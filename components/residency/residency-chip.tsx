"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { ChevronRight, MapPin } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useLatestAttestation } from "@/lib/client/attestations/use-latest-attestation";
import { findZone } from "@/lib/domain/catalog/regions";
import type { Locale } from "@/lib/i18n/locales";

const TONE = { affirming: "border-emerald-300 bg-emerald-50 text-emerald-900", warning: "border-amber-300 bg-amber-50 text-amber-950", contraindicated: "border-red-300 bg-red-50 text-red-900" } as const;

/** 「東京都 JP-13・適合 ›」 in a resource's header, linking to its newest residency statement. */
export function ResidencyChip({ resourceId, zoneId }: { resourceId: string; zoneId: string }) {
  const { slug } = useOrg();
  const canRead = useCan("attestations.read");
  const t = useTranslations("residency");
  const locale = useLocale() as Locale;
  const latest = useLatestAttestation(slug, resourceId, canRead);
  const zone = findZone(zoneId);
  if (!zone) return null;
  const place = { prefecture: locale === "ja" ? zone.facility.prefectureJa : zone.facility.prefectureEn, iso: zone.facility.iso3166_2 };
  const statement = latest.data;
  const base = "inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5 text-xs font-medium";
  if (!canRead || !statement) {
    return (
      <span className={cn(base, "border-line bg-white text-muted")} data-testid="residency-chip">
        <MapPin className="size-3.5" aria-hidden />
        {canRead && latest.isSuccess ? t("chip.pending", place) : `${place.prefecture} ${place.iso}`}
      </span>
    );
  }
  return (
    <Link href={`/${slug}/attestations/${statement.id}`} className={cn(base, TONE[statement.status], "hover:underline")} data-testid="residency-chip" title={t("chip.link")}>
      <MapPin className="size-3.5" aria-hidden />
      {t("chip.label", { ...place, verdict: t(`verdict.${statement.status}`) })}
      <ChevronRight className="size-3.5" aria-hidden />
    </Link>
  );
}
