"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Gauge } from "lucide-react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { LoadMoreFooter } from "@/components/ui/load-more-footer";
import { useQuotaQueue, type QuotaQueueFilter } from "@/lib/client/staff/use-quota-queue";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { StaffQuotaRequest } from "@/lib/domain/staff";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { QuotaDecisionDialog } from "./quota-decision-dialog";

const STATUSES = ["pending", "approved", "rejected"] as const;
const STATUS_TONES: Record<StaffQuotaRequest["status"], Tone> = { pending: "warning", approved: "success", rejected: "danger" };

/** Quota requests of one account (org set) or of the manager's whole book, with decisions. */
export function QuotaRequestsPanel({ org, status, onStatusChange }: { org?: string; status: NonNullable<QuotaQueueFilter["status"]>; onStatusChange: (status: NonNullable<QuotaQueueFilter["status"]>) => void }) {
  const t = useTranslations("staff.quota");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const queue = useQuotaQueue({ status, org });
  const [deciding, setDeciding] = useState<{ request: StaffQuotaRequest; mode: "approve" | "reject" } | null>(null);
  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-3">
      <div className="max-w-xs">
        <SelectField label={t("statusFilter")} value={status} onChange={(e) => onStatusChange(e.target.value as typeof status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {queue.isLoading ? (
        <Card className="space-y-2 p-4">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </Card>
      ) : queue.error ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(queue.error)}
        </p>
      ) : items.length === 0 ? (
        status === "pending" ? (
          <EmptyState icon={<Gauge className="size-8" />} title={t("empty")} description={t("emptyBody")} />
        ) : (
          <EmptyState icon={<Gauge className="size-8" />} title={t("emptyDecided")} />
        )
      ) : (
        <Card>
          <Table>
            <thead>
              <tr>
                {org ? null : <Th>{t("org")}</Th>}
                <Th>{t("target")}</Th>
                <Th numeric>{t("current")}</Th>
                <Th numeric>{t("requested")}</Th>
                {status === "approved" ? <Th numeric>{t("approvedAmount")}</Th> : null}
                <Th>{t("reason")}</Th>
                <Th>{t("requestedAt")}</Th>
                <Th>{t("decision")}</Th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="staff-quota-request" data-id={r.id}>
                  {org ? null : (
                    <Td>
                      <Link href={`/staff/accounts/${r.org.slug}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {locale === "ja" ? r.org.legalNameJa : r.org.legalNameEn}
                      </Link>
                    </Td>
                  )}
                  <Td className="whitespace-nowrap">
                    {r.gpuModel}
                    <span className="block font-mono text-xs text-muted">{r.regionId}</span>
                  </Td>
                  <Td numeric>{t("gpus", { count: formatGpus(r.currentGpus, locale) })}</Td>
                  <Td numeric className="font-medium">
                    {t("gpus", { count: formatGpus(r.requestedGpus, locale) })}
                  </Td>
                  {status === "approved" ? <Td numeric>{r.approvedGpus !== null ? t("gpus", { count: formatGpus(r.approvedGpus, locale) }) : "—"}</Td> : null}
                  <Td className="max-w-xs">
                    <span className="line-clamp-3 text-sm">{r.reason}</span>
                    {r.requestedByName ? <span className="block text-xs text-muted">{r.requestedByName}</span> : null}
                  </Td>
                  <Td className="whitespace-nowrap" title={formatDateTime(r.createdAt, locale)}>
                    {formatRelative(r.createdAt, locale)}
                  </Td>
                  <Td>
                    {r.status === "pending" ? (
                      <div className="flex gap-2">
                        <Button size="sm" onClick={() => setDeciding({ request: r, mode: "approve" })}>
                          {t("approve")}
                        </Button>
                        <Button size="sm" variant="secondary" onClick={() => setDeciding({ request: r, mode: "reject" })}>
                          {t("reject")}
                        </Button>
                      </div>
                    ) : (
                      <div className="text-xs">
                        <Badge tone={STATUS_TONES[r.status]}>{t(`statuses.${r.status}`)}</Badge>
                        {r.decidedByName ? <span className="mt-1 block text-muted">{t("decidedBy", { name: r.decidedByName })}</span> : null}
                        {r.decisionReason ? <span className="mt-1 block">{r.decisionReason}</span> : null}
                      </div>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
          <LoadMoreFooter pages={queue} />
        </Card>
      )}
      {deciding ? <QuotaDecisionDialog request={deciding.request} mode={deciding.mode} onClose={() => setDeciding(null)} /> : null}
    </div>
  );
}
