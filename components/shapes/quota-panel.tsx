"use client";
import { useLocale, useTranslations } from "next-intl";
import { Gauge } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { cn } from "@/components/ui/cn";
import type { RegionView } from "@/lib/domain/catalog-api";
import type { QuotaLine } from "@/lib/domain/quotas";
import { formatNumber } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";

export function QuotaPanel({
  lines,
  loading,
  error,
  regions,
  pendingPairs,
  canRequest,
  onRequest,
}: {
  lines: QuotaLine[];
  loading: boolean;
  error: string | null;
  regions: RegionView[];
  /** "region/model" pairs with a request under review. */
  pendingPairs: Set<string>;
  canRequest: boolean;
  onRequest: (pair?: { regionId: string; gpuModel: QuotaLine["gpuModel"] }) => void;
}) {
  const t = useTranslations("shapes.quotas");
  const locale = useLocale() as Locale;
  const regionName = (id: string) => regions.find((r) => r.id === id)?.name[locale] ?? id;
  const action = canRequest ? (
    <Button onClick={() => onRequest()} data-testid="request-quota">
      {t("requestButton")}
    </Button>
  ) : null;

  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} actions={action} />
      {loading ? (
        <div className="space-y-2 p-4">
          <Skeleton className="h-7 w-full" />
          <Skeleton className="h-7 w-full" />
          <Skeleton className="h-7 w-full" />
        </div>
      ) : error ? (
        <p role="alert" className="p-4 text-sm text-red-800">
          {error}
        </p>
      ) : lines.length === 0 ? (
        <div className="p-4">
          <EmptyState icon={<Gauge className="size-8" />} title={t("empty")} description={t("emptyBody")} />
        </div>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{t("region")}</Th>
              <Th>{t("gpuModel")}</Th>
              <Th numeric>{t("limit")}</Th>
              <Th numeric>{t("inUse")}</Th>
              <Th numeric>{t("available")}</Th>
              <Th>{t("usage")}</Th>
              {canRequest ? <Th className="text-right">{/* actions */}</Th> : null}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const pair = `${line.regionId}/${line.gpuModel}`;
              const share = line.limit > 0 ? Math.min(100, Math.round((line.inUse / line.limit) * 100)) : 100;
              return (
                <tr key={pair} data-testid="quota-row" data-pair={pair}>
                  <Td>
                    {regionName(line.regionId)}
                    <span className="block font-mono text-[11px] text-muted">{line.regionId}</span>
                  </Td>
                  <Td className="font-medium">
                    {line.gpuModel}
                    {pendingPairs.has(pair) ? (
                      <Badge tone="info" className="ml-2">
                        {t("pending")}
                      </Badge>
                    ) : null}
                  </Td>
                  <Td numeric>{t("gpus", { count: formatGpus(line.limit, locale) })}</Td>
                  <Td numeric>{formatNumber(line.inUse, locale)}</Td>
                  <Td numeric>{formatNumber(line.available, locale)}</Td>
                  <Td className="w-40">
                    <div
                      role="meter"
                      aria-label={`${t("usage")} ${line.gpuModel} ${line.regionId}`}
                      aria-valuemin={0}
                      aria-valuemax={line.limit}
                      aria-valuenow={line.inUse}
                      className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
                    >
                      <div className={cn("h-full rounded-full", share >= 90 ? "bg-red-600" : share >= 70 ? "bg-amber-500" : "bg-brand-600")} style={{ width: `${share}%` }} />
                    </div>
                    <span className="text-[11px] text-muted tabular">{share}%</span>
                  </Td>
                  {canRequest ? (
                    <Td className="text-right">
                      {pendingPairs.has(pair) ? null : (
                        <Button variant="ghost" size="sm" onClick={() => onRequest({ regionId: line.regionId, gpuModel: line.gpuModel })} aria-label={`${t("request")}: ${regionName(line.regionId)} ${line.gpuModel}`}>
                          {t("request")}
                        </Button>
                      )}
                    </Td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
