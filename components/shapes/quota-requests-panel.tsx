"use client";
import { useLocale, useTranslations } from "next-intl";
import { Inbox } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { RegionView } from "@/lib/domain/catalog-api";
import type { QuotaRequest } from "@/lib/domain/quotas";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

const TONES = { pending: "info", approved: "success", rejected: "danger" } as const;

export function QuotaRequestsPanel({
  requests,
  loading,
  error,
  regions,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  requests: QuotaRequest[];
  loading: boolean;
  error: string | null;
  regions: RegionView[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const t = useTranslations("shapes.requests");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const regionName = (id: string) => regions.find((r) => r.id === id)?.name[locale] ?? id;
  return (
    <Card>
      <CardHeader title={t("title")} description={t("description")} />
      {loading ? (
        <div className="space-y-2 p-4">
          <Skeleton className="h-7 w-full" />
          <Skeleton className="h-7 w-full" />
        </div>
      ) : error ? (
        <p role="alert" className="p-4 text-sm text-red-800">
          {error}
        </p>
      ) : requests.length === 0 ? (
        <div className="p-4">
          <EmptyState icon={<Inbox className="size-8" />} title={t("empty")} description={t("emptyBody")} />
        </div>
      ) : (
        <>
          <Table>
            <thead>
              <tr>
                <Th>{t("createdAt")}</Th>
                <Th>{t("target")}</Th>
                <Th numeric>{t("change")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("reason")}</Th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} data-testid="quota-request-row" data-status={r.status} className="align-top">
                  <Td className="whitespace-nowrap" title={formatDateTime(r.createdAt, locale)}>
                    <span className="tabular">{formatDateTime(r.createdAt, locale)}</span>
                    <span className="block text-xs text-muted">{formatRelative(r.createdAt, locale)}</span>
                  </Td>
                  <Td>
                    {regionName(r.regionId)} / <span className="font-medium">{r.gpuModel}</span>
                  </Td>
                  <Td numeric className="whitespace-nowrap">
                    {t("changeValue", { current: r.currentGpus, requested: r.requestedGpus })}
                  </Td>
                  <Td>
                    <Badge tone={TONES[r.status]}>{t(`statuses.${r.status}`)}</Badge>
                    {r.status === "approved" && r.approvedGpus !== null ? <span className="block text-xs text-muted">{t("approved", { count: r.approvedGpus })}</span> : null}
                    {r.decisionReason ? <span className="block max-w-56 text-xs text-muted">{r.decisionReason}</span> : null}
                  </Td>
                  <Td className="max-w-md whitespace-pre-line text-sm text-muted">{r.reason}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
          {hasMore ? (
            <div className="flex justify-center border-t border-line p-3">
              <Button variant="secondary" onClick={onLoadMore} disabled={loadingMore}>
                {loadingMore ? tc("loading") : tc("loadMore")}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
