"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { CapacityView } from "@/lib/domain/catalog-api";
import { formatNumber } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

const TONES = { available: "success", limited: "warning", sold_out: "danger" } as const satisfies Record<CapacityView["level"], Tone>;

/** One zone's availability for one shape, in words and colour; exact counts for staff. */
export function CapacityBadge({ zoneId, capacity, locale, title }: { zoneId: string; capacity: CapacityView | null; locale: Locale; title?: string }) {
  const t = useTranslations("shapes.capacity");
  const level = capacity ? t(capacity.level) : t("unknown");
  const counts = capacity?.counts;
  return (
    <span className="inline-flex flex-col items-start gap-0.5" title={title} data-testid="capacity-badge" data-zone={zoneId} data-level={capacity?.level ?? "unknown"}>
      <Badge tone={capacity ? TONES[capacity.level] : "neutral"}>{t("zone", { zone: zoneId, level })}</Badge>
      {counts ? (
        <span className="pl-1 text-[11px] text-muted tabular">
          {t("exact", { available: formatNumber(counts.available, locale), total: formatNumber(counts.total, locale), unit: t(`units.${counts.unit}`) })}
          {counts.wholeRacksAvailable !== null ? ` · ${t("wholeRacks", { racks: counts.wholeRacksAvailable })}` : null}
        </span>
      ) : null}
    </span>
  );
}
