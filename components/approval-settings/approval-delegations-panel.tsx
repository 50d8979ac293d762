"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { useToast } from "@/components/ui/toaster";
import { useCan, useOrg } from "@/components/shell/org-context";
import { newIdempotencyKey } from "@/lib/client/api-fetch";
import { canEndDelegation, delegationState, type DelegationState } from "@/lib/client/approvals/delegation-state";
import { useApprovalDelegations, useCreateApprovalDelegation, useEndApprovalDelegation } from "@/lib/client/approvals/use-approval-rules";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ApprovalDelegation } from "@/lib/domain/approvals";
import { jstDateOf } from "@/lib/domain/billing/jst";
import type { Member } from "@/lib/domain/orgs";
import { formatDate } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 代理承認: while an approver is away, a delegate decides for them on the JST days given (first
// and last inclusive). Anyone may name a delegate for themselves; owners and admins for anyone.
// A delegation is ended, never deleted: decisions taken under it keep showing whose authority they used.

const TONE: Record<DelegationState, Tone> = { scheduled: "info", active: "success", ended: "neutral", revoked: "neutral" };

export function ApprovalDelegationsPanel({ initial, members, now }: { initial: ApprovalDelegation[]; members: Member[]; now: string }) {
  const { slug, userId } = useOrg();
  const t = useTranslations("settings.approvalDelegations");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const forAnyone = useCan("org.write");
  const delegations = useApprovalDelegations(slug, initial);
  const create = useCreateApprovalDelegation(slug);
  const end = useEndApprovalDelegation(slug);
  // The server's clock at render: the same states on the server and in the browser (no hydration drift).
  const at = new Date(now);
  const today = jstDateOf(at);
  const blank = { delegatorUserId: userId, delegateUserId: "", fromDate: today, toDate: today, reason: "" };
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Partial<Record<"delegateUserId" | "fromDate" | "toDate", string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [ending, setEnding] = useState<ApprovalDelegation | null>(null);
  const intent = useRef(newIdempotencyKey());
  const items = delegations.data ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const problems: typeof errors = {};
    if (!form.delegateUserId) problems.delegateUserId = t("errors.delegateRequired");
    else if (form.delegateUserId === form.delegatorUserId) problems.delegateUserId = t("errors.delegateSelf");
    if (!form.fromDate) problems.fromDate = t("errors.dateRequired");
    if (!form.toDate) problems.toDate = t("errors.dateRequired");
    else if (form.fromDate && form.toDate < form.fromDate) problems.toDate = t("errors.toBeforeFrom");
    else if (form.toDate < today) problems.toDate = t("errors.inPast");
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    const input = { delegatorUserId: form.delegatorUserId, delegateUserId: form.delegateUserId, fromDate: form.fromDate, toDate: form.toDate, reason: form.reason.trim() || undefined };
    create.mutate(
      { input, idempotencyKey: intent.current },
      {
        onSuccess: (d) => {
          toast.success(t("created", { name: d.delegateName ?? "" }));
          setForm(blank);
          intent.current = newIdempotencyKey();
        },
        onError: (e) => setFailure(errorMessage(e)),
      },
    );
  };

  const confirmEnd = () => {
    if (!ending) return;
    end.mutate(ending.id, { onSuccess: () => toast.success(t("ended")), onError: (e) => toast.error(errorMessage(e)), onSettled: () => setEnding(null) });
  };

  return (
    <section aria-labelledby="approval-delegations-title" className="space-y-6">
      <Card>
        <CardHeader title={<span id="approval-delegations-title">{t("title")}</span>} description={t("description")} />
        <Table>
          <thead>
            <tr>
              <Th>{t("delegator")}</Th>
              <Th>{t("delegate")}</Th>
              <Th>{t("period")}</Th>
              <Th>{t("reason")}</Th>
              <Th>{t("state")}</Th>
              <Th>{t("operations")}</Th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <Td colSpan={6} className="text-sm text-muted">
                  {t("empty")}
                </Td>
              </tr>
            ) : (
              items.map((d) => {
                const state = delegationState(d, at);
                const mayEnd = canEndDelegation(state) && (forAnyone || d.delegatorUserId === userId);
                return (
                  <tr key={d.id} data-testid="approval-delegation-row">
                    <Td>{d.delegatorName ?? t("formerMember")}</Td>
                    <Td>{d.delegateName ?? t("formerMember")}</Td>
                    <Td className="whitespace-nowrap text-sm">{t("periodValue", { from: formatDate(`${d.fromDate}T00:00:00+09:00`, locale), to: formatDate(`${d.toDate}T00:00:00+09:00`, locale) })}</Td>
                    <Td className="text-sm">{d.reason ?? "—"}</Td>
                    <Td>
                      <Badge tone={TONE[state]}>{t(`states.${state}`)}</Badge>
                    </Td>
                    <Td>
                      {mayEnd ? (
                        <Button variant="ghost" size="sm" aria-label={t("endNamed", { name: d.delegateName ?? "" })} onClick={() => setEnding(d)}>
                          {t("end")}
                        </Button>
                      ) : null}
                    </Td>
                  </tr>
                );
              })
            )}
          </tbody>
        </Table>
      </Card>
      <Card>
        <CardHeader title={t("addTitle")} description={forAnyone ? t("addDescriptionAdmin") : t("addDescription")} />
        <CardBody>
          <form onSubmit={submit} noValidate className="grid items-start gap-3 sm:grid-cols-2">
            {forAnyone ? (
              <SelectField label={t("delegator")} value={form.delegatorUserId} onChange={(e) => setForm({ ...form, delegatorUserId: e.target.value })}>
                {members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}（{tc(`roles.${m.role}`)}）
                  </option>
                ))}
              </SelectField>
            ) : null}
            <SelectField label={t("delegate")} value={form.delegateUserId} onChange={(e) => setForm({ ...form, delegateUserId: e.target.value })} error={errors.delegateUserId}>
              <option value="">{t("choose")}</option>
              {members
                .filter((m) => m.userId !== form.delegatorUserId)
                .map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name}（{tc(`roles.${m.role}`)}）
                  </option>
                ))}
            </SelectField>
            <TextField type="date" label={t("fromDate")} value={form.fromDate} onChange={(e) => setForm({ ...form, fromDate: e.target.value })} error={errors.fromDate} hint={t("jstHint")} />
            <TextField type="date" label={t("toDate")} value={form.toDate} onChange={(e) => setForm({ ...form, toDate: e.target.value })} error={errors.toDate} hint={t("toDateHint")} />
            <TextField className="sm:col-span-2" label={t("reason")} value={form.reason} onChange={(e) => setForm({ ...form, reason: e.target.value })} maxLength={200} placeholder={t("reasonPlaceholder")} />
            <div className="sm:col-span-2">
              <Button type="submit" disabled={create.isPending}>
                {t("add")}
              </Button>
            </div>
          </form>
          {failure ? (
            <p role="alert" className="mt-2 text-sm text-red-800">
              {failure}
            </p>
          ) : null}
        </CardBody>
      </Card>
      <ConfirmDialog
        open={ending !== null}
        onCancel={() => setEnding(null)}
        title={t("endTitle", { name: ending?.delegateName ?? "" })}
        description={t("endBody")}
        confirmLabel={t("end")}
        cancelLabel={tc("cancel")}
        closeLabel={tc("close")}
        pending={end.isPending}
        onConfirm={confirmEnd}
      />
    </section>
  );
}
