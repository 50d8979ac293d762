"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { PiggyBank, Plus } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmByTyping } from "@/components/ui/confirm-by-typing";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useBudgets, useDeleteBudget } from "@/lib/client/billing/use-budgets";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { Budget } from "@/lib/domain/billing-api";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { BudgetDialog } from "./budget-dialog";
import { monthLabel } from "./jst-dates";
import { formatPercent } from "@/lib/i18n/format-quantities";

// 「予算」: monthly budgets against this month's spend, with their thresholds (alerts go to the
// billing and owner members' bells) and, if the owner chose one, the soft action at 100 %.

function UsageBar({ budget }: { budget: Budget }) {
  const pct = Math.min(100, budget.percentUsed);
  const tone = budget.percentUsed >= 100 ? "bg-red-600" : budget.percentUsed >= 80 ? "bg-amber-500" : "bg-brand-600";
  return (
    <div className="relative h-3 w-full rounded-full bg-slate-100" aria-hidden>
      <div className={`h-3 rounded-full ${tone}`} style={{ width: `${pct}%` }} />
      {budget.thresholds
        .filter((th) => th <= 100)
        .map((th) => (
          <span key={th} className="absolute top-0 h-3 w-px bg-slate-500" style={{ left: `${th}%` }} />
        ))}
    </div>
  );
}

export function BudgetsPanel() {
  const { slug, role } = useOrg();
  // The soft action is the owner's choice; the server enforces it too.
  const isOwner = role === "owner";
  const canWrite = useCan("billing.write");
  const t = useTranslations("billing.budgets");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const budgets = useBudgets(slug);
  const remove = useDeleteBudget(slug);
  const [editing, setEditing] = useState<Budget | null | "new">(null);
  const [deleting, setDeleting] = useState<Budget | null>(null);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-muted">{t("intro")}</p>
        {canWrite ? (
          <Button onClick={() => setEditing("new")}>
            <Plus className="size-4" aria-hidden />
            {t("create")}
          </Button>
        ) : null}
      </div>
      {budgets.isLoading ? (
        <Card className="space-y-2 p-4">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </Card>
      ) : budgets.error ? (
        <p role="alert" className="text-sm text-red-800">
          {errorMessage(budgets.error)}
        </p>
      ) : (budgets.data ?? []).length === 0 ? (
        <EmptyState
          icon={<PiggyBank className="size-8" />}
          title={t("empty")}
          description={t("emptyBody")}
          action={canWrite ? <Button onClick={() => setEditing("new")}>{t("create")}</Button> : undefined}
        />
      ) : (
        <ul className="space-y-3">
          {(budgets.data ?? []).map((b) => (
            <li key={b.id}>
              <Card className="space-y-3 p-5" data-testid="budget-card">
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 className="text-base font-semibold text-ink">{b.name}</h2>
                    <p className="text-sm text-muted">{t("amountLine", { amount: formatYen(b.monthlyAmountJpy, locale) })}</p>
                  </div>
                  <div className="flex items-center gap-2">
                    {b.percentUsed >= 100 ? <Badge tone="danger">{t("over")}</Badge> : b.notifiedThreshold ? <Badge tone="warning">{t("reached", { threshold: b.notifiedThreshold })}</Badge> : <Badge tone="success">{t("within")}</Badge>}
                    {canWrite ? (
                      <>
                        <Button size="sm" variant="secondary" onClick={() => setEditing(b)}>
                          {tc("edit")}
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setDeleting(b)} disabled={b.softAction !== "none" && !isOwner} title={b.softAction !== "none" && !isOwner ? t("softActionOwnerOnly") : undefined}>
                          {tc("delete")}
                        </Button>
                      </>
                    ) : null}
                  </div>
                </div>
                <UsageBar budget={b} />
                <p className="text-sm tabular">
                  {t("spentLine", { month: monthLabel(b.month, locale), spent: formatYen(b.spentJpy, locale), percent: formatPercent(b.percentUsed, locale) })}
                </p>
                <dl className="flex flex-wrap gap-x-8 gap-y-1 text-xs text-muted">
                  <div>
                    <dt className="inline">{t("thresholds")}: </dt>
                    <dd className="inline">{b.thresholds.map((th) => formatPercent(th, locale)).join(" · ")}</dd>
                  </div>
                  <div>
                    <dt className="inline">{t("softAction")}: </dt>
                    <dd className="inline">{t(`softActions.${b.softAction}`)}</dd>
                  </div>
                  <div>
                    <dt className="inline">{t("notifies")}: </dt>
                    <dd className="inline">{t("notifiesWho")}</dd>
                  </div>
                </dl>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {editing !== null ? (
        <BudgetDialog key={editing === "new" ? "new" : editing.id} slug={slug} budget={editing === "new" ? null : editing} isOwner={isOwner} open onOpenChange={(open) => !open && setEditing(null)} />
      ) : null}
      {deleting ? (
        <ConfirmByTyping
          open
          onOpenChange={(open) => !open && setDeleting(null)}
          title={t("deleteTitle")}
          description={t("deleteDescription", { name: deleting.name })}
          expected={deleting.name}
          inputLabel={t("deleteTypeName", { name: deleting.name })}
          confirmLabel={tc("delete")}
          cancelLabel={tc("cancel")}
          closeLabel={tc("close")}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                toast.success(t("deleted", { name: deleting.name }));
                setDeleting(null);
              },
              onError: (error) => toast.error(errorMessage(error)),
            })
          }
        />
      ) : null}
    </div>
  );
}
