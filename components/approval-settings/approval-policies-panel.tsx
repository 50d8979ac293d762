"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Lock, Stamp } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { useApprovalPolicies, useDeleteApprovalPolicy } from "@/lib/client/approvals/use-approval-rules";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ApprovalPolicy, ApprovalStage } from "@/lib/domain/approvals";
import type { Member } from "@/lib/domain/orgs";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ApprovalPolicyDialog } from "./approval-policy-dialog";

// 承認ルール: each rule in words (which orders, from which monthly amount, who decides in which
// order), added and changed by owners and admins, removed after a confirmation. Everyone else
// reads them (a wizard tells them before submit that an order will need approval) and is told why
// they cannot change them.

export function ApprovalPoliciesPanel({ initial, members }: { initial: ApprovalPolicy[]; members: Member[] }) {
  const { slug } = useOrg();
  const t = useTranslations("settings.approvalRules");
  const tc = useTranslations("common");
  const ta = useTranslations("approvals");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const canWrite = useCan("org.write");
  const policies = useApprovalPolicies(slug, initial);
  const remove = useDeleteApprovalPolicy(slug);
  const [dialog, setDialog] = useState<{ editing: ApprovalPolicy | null } | null>(null);
  const [deleting, setDeleting] = useState<ApprovalPolicy | null>(null);
  const items = policies.data ?? [];

  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => toast.success(t("deleted", { name: deleting.name })),
      onError: (e) => toast.error(errorMessage(e)),
      onSettled: () => setDeleting(null),
    });
  };
  const addButton = canWrite ? <Button onClick={() => setDialog({ editing: null })}>{t("addTitle")}</Button> : null;

  return (
    <section aria-labelledby="approval-rules-title" className="space-y-3">
      <Card>
        <CardHeader title={<span id="approval-rules-title">{t("title")}</span>} description={t("description")} actions={items.length > 0 ? addButton : null} />
        {!canWrite ? (
          <CardBody>
            <p className="flex items-center gap-2 text-sm text-muted">
              <Lock className="size-4" aria-hidden />
              {t("readOnly")}
            </p>
          </CardBody>
        ) : null}
        {items.length === 0 ? (
          <CardBody>
            <EmptyState icon={<Stamp className="size-8" />} title={t("emptyTitle")} description={t("emptyBody")} action={addButton} />
          </CardBody>
        ) : (
          <Table>
            <thead>
              <tr>
                <Th>{t("name")}</Th>
                <Th>{t("actions")}</Th>
                <Th numeric>{t("threshold")}</Th>
                <Th>{t("stages")}</Th>
                <Th numeric>{t("expiresAfterDays")}</Th>
                {canWrite ? <Th>{t("operations")}</Th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id} data-testid="approval-policy-row">
                  <Td className="font-medium">{p.name}</Td>
                  <Td className="text-sm">{p.actions.map((a) => ta(`action.${a}`)).join(t("listSeparator"))}</Td>
                  <Td numeric className="whitespace-nowrap">
                    {t("thresholdValue", { amount: formatYen(p.thresholdMonthlyJpy, locale) })}
                  </Td>
                  <Td>
                    <ol className="space-y-0.5 text-sm">
                      {p.stages.map((s, i) => (
                        <li key={i}>
                          {i + 1}. {s.name}: <StageApprovers stage={s} members={members} />
                        </li>
                      ))}
                    </ol>
                  </Td>
                  <Td numeric className="whitespace-nowrap text-sm">
                    {t("days", { days: p.expiresAfterDays })}
                  </Td>
                  {canWrite ? (
                    <Td className="whitespace-nowrap">
                      <Button variant="ghost" size="sm" aria-label={t("editNamed", { name: p.name })} onClick={() => setDialog({ editing: p })}>
                        {tc("edit")}
                      </Button>
                      <Button variant="ghost" size="sm" className="text-red-700" aria-label={t("deleteNamed", { name: p.name })} onClick={() => setDeleting(p)}>
                        {tc("delete")}
                      </Button>
                    </Td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
      {dialog ? <ApprovalPolicyDialog key={dialog.editing?.id ?? "new"} open onClose={() => setDialog(null)} editing={dialog.editing} members={members} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        onCancel={() => setDeleting(null)}
        title={t("deleteTitle", { name: deleting?.name ?? "" })}
        description={t("deleteBody")}
        confirmLabel={t("deleteConfirm")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={remove.isPending}
        onConfirm={confirmDelete}
      />
    </section>
  );
}

/** 「請求担当・山田 花子」: the roles, then the named members (a member who has left is said so). */
function StageApprovers({ stage, members }: { stage: ApprovalStage; members: Member[] }) {
  const t = useTranslations("settings.approvalRules");
  const tc = useTranslations("common");
  const names = [
    ...stage.approvers.roles.map((r) => t("roleApprovers", { role: tc(`roles.${r}`) })),
    ...stage.approvers.userIds.map((id) => members.find((m) => m.userId === id)?.name ?? t("formerMember")),
  ];
  return <span>{names.join(t("listSeparator"))}</span>;
}
