"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type KeyboardEvent } from "react";
import { Stamp } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TableSkeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useOrg } from "@/components/shell/org-context";
import { useApprovalRequests, type ApprovalView } from "@/lib/client/approvals/use-approval-requests";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { formatDateTime, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { cn } from "@/components/ui/cn";
import { ApprovalStatusBadge } from "./approval-status-badge";

// 稟議の一覧: what awaits my decision (the approver's queue), what I asked for, and everything.
// Tabs follow the WAI-ARIA pattern: arrow keys move between them.

const VIEWS: ApprovalView[] = ["to_decide", "mine", "all"];

export function ApprovalsQueue() {
  const { slug } = useOrg();
  const t = useTranslations("approvals");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const [view, setView] = useState<ApprovalView>("to_decide");
  const list = useApprovalRequests(slug, view);

  const onKey = (event: KeyboardEvent) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (!step) return;
    const next = VIEWS[(VIEWS.indexOf(view) + step + VIEWS.length) % VIEWS.length];
    setView(next);
    document.getElementById(`approvals-tab-${next}`)?.focus();
  };

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href={`/${slug}/settings/approvals`} className="text-sm text-brand-700 underline-offset-2 hover:underline">
            {t("rulesLink")}
          </Link>
        }
      />
      <div role="tablist" aria-label={t("tabsLabel")} className="mb-5 flex gap-1 border-b border-line" onKeyDown={onKey}>
        {VIEWS.map((name) => (
          <button
            key={name}
            role="tab"
            type="button"
            id={`approvals-tab-${name}`}
            aria-selected={view === name}
            aria-controls="approvals-panel"
            tabIndex={view === name ? 0 : -1}
            onClick={() => setView(name)}
            className={cn("-mb-px border-b-2 px-4 py-2 text-sm font-medium", view === name ? "border-brand-600 text-brand-700" : "border-transparent text-muted hover:text-ink")}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="approvals-panel" aria-labelledby={`approvals-tab-${view}`}>
        {list.isPending ? (
          <TableSkeleton rows={4} />
        ) : list.isError ? (
          <p role="alert" className="text-sm text-red-700">
            {errorMessage(list.error)}
          </p>
        ) : list.data.items.length === 0 ? (
          <EmptyState icon={<Stamp className="size-8" />} title={t(`empty.${view}`)} />
        ) : (
          <Card>
            <Table>
              <thead>
                <tr>
                  <Th>{t("columns.subject")}</Th>
                  <Th>{t("columns.requester")}</Th>
                  <Th numeric>{t("columns.monthly")}</Th>
                  <Th>{t("columns.stage")}</Th>
                  <Th>{t("columns.status")}</Th>
                  <Th>{t("columns.createdAt")}</Th>
                  <Th>{t("columns.expiresAt")}</Th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((r) => (
                  <tr key={r.id}>
                    <Td>
                      <Link href={`/${slug}/approvals/${r.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                        {r.subject}
                      </Link>
                      <div className="text-xs text-muted">
                        {t(`action.${r.action}`)}: {r.targetName}
                      </div>
                    </Td>
                    <Td>{r.requester.name}</Td>
                    <Td numeric>{formatYen(r.estimate.perMonth, locale)}</Td>
                    <Td>{r.status === "pending" ? `${r.stages[r.currentStage]?.accountManager ? t("accountManagerStage") : (r.stages[r.currentStage]?.name ?? "—")} (${r.currentStage + 1}/${r.stages.length})` : "—"}</Td>
                    <Td>
                      <ApprovalStatusBadge status={r.status} />
                    </Td>
                    <Td>{formatDateTime(r.createdAt, locale)}</Td>
                    <Td>{r.status === "pending" ? formatDateTime(r.expiresAt, locale) : "—"}</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Card>
        )}
      </div>
    </>
  );
}
