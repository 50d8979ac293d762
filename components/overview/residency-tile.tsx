"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { ShieldCheck } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { Overview } from "@/lib/domain/overview";
import { residencyTone } from "./status-tone";
import { Tile } from "./tile";

export function ResidencyTile({ slug, residency }: { slug: string; residency: NonNullable<Overview["residency"]> }) {
  const t = useTranslations("overview");
  const attention = residency.filter((r) => r.status !== "affirming");
  return (
    <Tile title={t("residency")} href={`/${slug}/attestations`} linkLabel={t("toAttestations")}>
      {residency.length === 0 ? (
        <p className="text-sm text-muted">{t("noRunning")}</p>
      ) : attention.length === 0 ? (
        <p className="flex items-center gap-2 text-sm font-medium text-emerald-800" data-testid="overview-residency">
          <ShieldCheck className="size-5" aria-hidden />
          {t("allVerified", { count: residency.length })}
        </p>
      ) : (
        <p className="text-sm text-amber-900" data-testid="overview-residency">{t("needsAttention", { count: attention.length, total: residency.length })}</p>
      )}
      <ul className="mt-2 space-y-1 text-xs" data-testid="overview-residency-list">
        {residency.slice(0, 5).map((r) => (
          <li key={r.resourceId} className="flex items-center justify-between gap-2">
            <span className="truncate">{r.name}</span>
            {r.attestationId ? (
              <Link href={`/${slug}/attestations/${r.attestationId}`}>
                <Badge tone={residencyTone(r.status)}>{t(`residencyStatus.${r.status}` as "residencyStatus.affirming")}</Badge>
              </Link>
            ) : (
              <Badge tone={residencyTone(r.status)}>{t(`residencyStatus.${r.status}` as "residencyStatus.affirming")}</Badge>
            )}
          </li>
        ))}
      </ul>
    </Tile>
  );
}
