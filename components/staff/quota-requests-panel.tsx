"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Gauge } from "lucide-react";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Td, Th } from "@/components/ui/table";
import { useQuotaQueue, type QuotaQueueFilter } from "@/lib/client/staff/use-quota-queue";
import type { StaffQuotaRequest } from "@/lib/domain/staff";
import { formatGpus } from "@/lib/i18n/format-quantities";
import type { Locale } from "@/lib/i18n/locales";
import { QuotaDecisionDialog } from "./quota-decision-dialog";
import { DecisionButtons, RequestedAtCell, StaffOrgCell, StaffQueue } from "./staff-queue";

const STATUSES = ["pending", "approved", "rejected"] as const;
const STATUS_TONES: Record<StaffQuotaRequest["status"], Tone> = { pending: "warning", approved: "success", rejected: "danger" };

/** Quota requests of one account (org set) or of the manager's whole book, with decisions. */
export function QuotaRequestsPanel({ org, status, onStatusChange }: { org?: string; status: NonNullable<QuotaQueueFilter["status"]>; onStatusChange: (status: NonNullable<QuotaQueueFilter["status"]>) => void }) {
  const t = useTranslations("staff.quota");
  const locale = useLocale() as Locale;
  const queue = useQuotaQueue({ status, org });
  const [deciding, setDeciding] = useState<{ request: StaffQuotaRequest; mode: "approve" | "reject" } | null>(null);

  return (
    <>
      <StaffQueue
        statusLabel={t("statusFilter")}
        statuses={STATUSES.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
        status={status}
        onStatusChange={onStatusChange}
        query={queue}
        empty={status === "pending" ? <EmptyState icon={<Gauge className="size-8" />} title={t("empty")} description={t("emptyBody")} /> : <EmptyState icon={<Gauge className="size-8" />} title={t("emptyDecided")} />}
        head={
          <>
            {org ? null : <Th>{t("org")}</Th>}
            <Th>{t("target")}</Th>
            <Th numeric>{t("current")}</Th>
            <Th numeric>{t("requested")}</Th>
            {status === "approved" ? <Th numeric>{t("approvedAmount")}</Th> : null}
            <Th>{t("reason")}</Th>
            <Th>{t("requestedAt")}</Th>
            <Th>{t("decision")}</Th>
          </>
        }
        row={(r) => (
          <tr key={r.id} data-testid="staff-quota-request" data-id={r.id}>
            {org ? null : (
              <StaffOrgCell org={r.org} />
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
            <RequestedAtCell at={r.createdAt} />
            <Td>
              {r.status === "pending" ? (
                <DecisionButtons approve={t("approve")} reject={t("reject")} onDecide={(mode) => setDeciding({ request: r, mode })} />
              ) : (
                <div className="text-xs">
                  <Badge tone={STATUS_TONES[r.status]}>{t(`statuses.${r.status}`)}</Badge>
                  {r.decidedByName ? <span className="mt-1 block text-muted">{t("decidedBy", { name: r.decidedByName })}</span> : null}
                  {r.decisionReason ? <span className="mt-1 block">{r.decisionReason}</span> : null}
                </div>
              )}
            </Td>
          </tr>
        )}
      />
      {deciding ? <QuotaDecisionDialog request={deciding.request} mode={deciding.mode} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}
