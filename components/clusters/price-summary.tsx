"use client";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import type { ClusterPreflight } from "@/lib/domain/clusters";
import { formatNumber, formatYen } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

/** Money beside every choice: list (and contract) price per hour and per 730-hour month, capacity and quota. */
export function PriceSummary({ preflight, loading, poolNames }: { preflight: ClusterPreflight | undefined; loading: boolean; poolNames: string[] }) {
  const t = useTranslations("clusters.price");
  const locale = useLocale() as Locale;
  const q = preflight?.quote;
  return (
    <Card data-testid="price-summary" aria-busy={loading}>
      <CardHeader title={t("title")} description={t("excludingTax")} />
      <CardBody className="space-y-4 text-sm">
        {q ? (
          <>
            <ul className="space-y-1">
              {q.lines.map((line, i) => (
                <li key={i} className="flex justify-between gap-2">
                  <span className="text-muted">{line.kind === "control_plane" ? t(`controlPlane.${line.label as "single"}`) : `${poolNames[i - 1] || line.label} · ${line.shapeId} × ${line.count}`}</span>
                  <span className="tabular">{formatYen(line.listPerHour, locale)}</span>
                </li>
              ))}
            </ul>
            <dl className="space-y-1 border-t border-line pt-3">
              <div className="flex justify-between">
                <dt>{t("listPerHour")}</dt>
                <dd className="tabular font-semibold" data-testid="price-per-hour">{formatYen(q.listPerHour, locale)}</dd>
              </div>
              <div className="flex justify-between">
                <dt>{t("listPerMonth", { hours: q.hoursPerMonth })}</dt>
                <dd className="tabular font-semibold" data-testid="price-per-month">{formatYen(q.listPerMonth, locale)}</dd>
              </div>
              {q.contractPerHour !== null ? (
                <>
                  <div className="flex justify-between text-emerald-800">
                    <dt>{t("contractPerHour")}</dt>
                    <dd className="tabular font-semibold">{formatYen(Math.floor(q.contractPerHour), locale)}</dd>
                  </div>
                  <div className="flex justify-between text-emerald-800">
                    <dt>{t("contractPerMonth")}</dt>
                    <dd className="tabular font-semibold">{formatYen(q.contractPerMonth ?? 0, locale)}</dd>
                  </div>
                </>
              ) : null}
            </dl>
            <div className="border-t border-line pt-3">
              <p className="mb-1 font-medium">{t("capacity")}</p>
              {!preflight.capacityKnown ? <p className="text-xs text-amber-900">{t("capacityUnknown")}</p> : null}
              <ul className="space-y-1">
                {preflight.pools.map((p) => (
                  <li key={p.index} className="flex items-center justify-between gap-2">
                    <span className="text-muted">{poolNames[p.index] || `#${p.index + 1}`}</span>
                    {p.available !== null ? (
                      <Badge tone={p.fits === false ? "danger" : p.level === "limited" ? "warning" : "success"}>
                        {p.fits === false ? t("notEnough", { available: p.available }) : t("free", { available: p.available })}
                      </Badge>
                    ) : (
                      <span className="text-xs text-muted">—</span>
                    )}
                  </li>
                ))}
              </ul>
            </div>
            <div className="border-t border-line pt-3">
              <p className="mb-1 font-medium">{t("quota")}</p>
              <ul className="space-y-1">
                {preflight.quota.length === 0 ? <li className="text-xs text-muted">{t("noGpus")}</li> : null}
                {preflight.quota.map((line) => (
                  <li key={line.gpuModel} className="flex items-center justify-between gap-2" data-testid="quota-line">
                    <span className="text-muted">{line.gpuModel}</span>
                    <span className={line.fits ? "tabular" : "tabular font-semibold text-red-700"}>
                      {t("quotaLine", {
                        inUse: formatNumber(line.inUse, locale),
                        requested: formatNumber(line.requested, locale),
                        total: formatGpus(line.inUse + line.requested, locale),
                        limit: formatNumber(line.limit, locale),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          </>
        ) : (
          <p className="text-muted">{t("calculating")}</p>
        )}
      </CardBody>
    </Card>
  );
}
