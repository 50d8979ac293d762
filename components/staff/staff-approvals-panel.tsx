"use client";
import { useLocale, useTranslations } from "next-intl";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { Stamp } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Td, Th } from "@/components/ui/table";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useStaffApprovals } from "@/lib/client/staff/use-staff-approvals";
import type { StaffApprovalRequest } from "@/lib/domain/staff-approvals";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { StaffApprovalDialog } from "./staff-approval-dialog";
import { DecisionButtons, RequestedAtCell, StaffOrgCell, StaffQueue } from "./staff-queue";

const STATUSES = ["pending", "executed", "rejected", "refused", "expired"] as const;
type Status = (typeof STATUSES)[number];

/**
 * Large reservations of the manager's accounts (the contract's approval threshold): what awaits
 * their decision, what still waits for the customer's own stages, and what was decided.
 */
export function StaffApprovalsPanel() {
  const t = useTranslations("staff.approvals");
  const ta = useTranslations("approvals");
  const locale = useLocale() as Locale;
  // The status filter lives in the address (?status=), so a reload or a shared link keeps it.
  const search = useSearchParams();
  const status: Status = STATUSES.find((s) => s === search.get("status")) ?? "pending";
  const queue = useStaffApprovals(status);
  const [deciding, setDeciding] = useState<{ request: StaffApprovalRequest; mode: "approve" | "reject" } | null>(null);

  return (
    <>
      <StaffQueue
        statusLabel={t("statusFilter")}
        statuses={STATUSES.map((s) => ({ value: s, label: ta(`status.${s}`) }))}
        status={status}
        onStatusChange={(next) => replaceAddressQuery({ status: next === "pending" ? null : next })}
        query={queue}
        empty={<EmptyState icon={<Stamp className="size-8" />} title={t("empty")} description={t("emptyBody")} />}
        head={
          <>
            <Th>{t("org")}</Th>
            <Th>{t("subject")}</Th>
            <Th>{t("target")}</Th>
            <Th numeric>{t("total")}</Th>
            <Th numeric>{t("threshold")}</Th>
            <Th>{t("requestedAt")}</Th>
            <Th>{t("decision")}</Th>
          </>
        }
        row={(r) => {
          const mine = r.stages.find((s) => s.accountManager)?.decision;
          return (
            <tr key={r.id} data-testid="staff-approval-request" data-id={r.id}>
              <StaffOrgCell org={r.org} />
              <Td className="max-w-xs">
                <span className="font-medium">{r.subject}</span>
                <span className="line-clamp-2 block text-xs text-muted">{r.purpose}</span>
                <span className="block text-xs text-muted">{r.requester.name}</span>
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs">{r.targetName}</Td>
              <Td numeric className="font-medium">
                {formatYen(Number(r.order.totalCommitmentJpy ?? 0), locale)}
              </Td>
              <Td numeric>{formatYen(r.thresholdJpy, locale)}</Td>
              <RequestedAtCell at={r.createdAt} />
              <Td>
                {r.viewer.canDecide ? (
                  <DecisionButtons approve={t("approve")} reject={t("reject")} onDecide={(mode) => setDeciding({ request: r, mode })} />
                ) : r.status === "pending" ? (
                  <span className="text-xs text-muted">{t("awaitingCustomer", { stage: r.stages[r.currentStage]?.name ?? "" })}</span>
                ) : (
                  <div className="text-xs">
                    <Badge tone={r.status === "executed" ? "success" : r.status === "expired" ? "neutral" : "danger"}>{ta(`status.${r.status}`)}</Badge>
                    {mine ? <span className="mt-1 block text-muted">{t("decidedBy", { name: mine.deciderName })}</span> : null}
                    {mine?.comment ? <span className="mt-1 block">{mine.comment}</span> : null}
                    {r.refusal ? <span className="mt-1 block">{r.refusal.message}</span> : null}
                  </div>
                )}
              </Td>
            </tr>
          );
        }}
      />
      {deciding ? <StaffApprovalDialog request={deciding.request} mode={deciding.mode} onClose={() => setDeciding(null)} /> : null}
    </>
  );
}
