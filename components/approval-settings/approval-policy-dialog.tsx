"use client";
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/components/shell/org-context";
import { newIdempotencyKey } from "@/lib/client/api-fetch";
import { emptyPolicyForm, emptyStage, MAX_STAGES, parseYen, policyToForm, readPolicyForm, type PolicyForm, type PolicyFormErrors, type StageForm } from "@/lib/client/approvals/approval-policy-form";
import { useCreateApprovalPolicy, useUpdateApprovalPolicy } from "@/lib/client/approvals/use-approval-rules";
import { useErrorMessage } from "@/lib/client/use-error-message";
import { APPROVAL_ACTIONS, type ApprovalPolicy } from "@/lib/domain/approvals";
import type { Member } from "@/lib/domain/orgs";
import { ORG_ROLES, type OrgRole } from "@/lib/domain/permissions";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// Create or edit one 承認ルール: which orders, from which monthly amount, decided by whom in
// which stages. Problems are said next to their field before anything is sent; the server's
// answer (e.g. a named approver who has left) is said above the buttons.

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

export function ApprovalPolicyDialog({ open, onClose, editing, members }: { open: boolean; onClose: () => void; editing: ApprovalPolicy | null; members: Member[] }) {
  const { slug } = useOrg();
  const t = useTranslations("settings.approvalRules");
  const tc = useTranslations("common");
  const ta = useTranslations("approvals");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateApprovalPolicy(slug);
  const update = useUpdateApprovalPolicy(slug);
  const [form, setForm] = useState<PolicyForm>(() => (editing ? policyToForm(editing) : emptyPolicyForm()));
  const [errors, setErrors] = useState<PolicyFormErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const intent = useRef(newIdempotencyKey());
  const pending = create.isPending || update.isPending;
  const err = (key: string) => (errors[key] ? t(`errors.${errors[key]}`) : undefined);
  // A field's complaint goes away as soon as it is changed; the next submit reads the form again.
  const edit = (change: Partial<PolicyForm>, field: string) => {
    setForm({ ...form, ...change });
    if (errors[field]) setErrors(Object.fromEntries(Object.entries(errors).filter(([k]) => k !== field)));
  };
  const setStage = (i: number, change: Partial<StageForm>, field: string) => edit({ stages: form.stages.map((s, j) => (j === i ? { ...s, ...change } : s)) }, field);
  const yen = parseYen(form.threshold);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const read = readPolicyForm(form);
    if (!read.ok) return setErrors(read.errors);
    setErrors({});
    const done = (p: ApprovalPolicy) => {
      toast.success(editing ? t("updated", { name: p.name }) : t("created", { name: p.name }));
      onClose();
    };
    const onError = (e: unknown) => setFailure(errorMessage(e));
    if (editing) update.mutate({ id: editing.id, change: read.input }, { onSuccess: done, onError });
    else create.mutate({ input: read.input, idempotencyKey: intent.current }, { onSuccess: done, onError });
  };

  return (
    <Dialog open={open} onOpenChange={(next) => !next && onClose()} title={editing ? t("editTitle") : t("addTitle")} description={t("formDescription")} closeLabel={tc("close")} wide>
      <form onSubmit={submit} noValidate className="space-y-5">
        <TextField label={t("name")} value={form.name} onChange={(e) => edit({ name: e.target.value }, "name")} error={err("name")} placeholder={t("namePlaceholder")} maxLength={100} />
        <CheckboxGroup legend={t("actions")} error={err("actions")}>
          {APPROVAL_ACTIONS.map((a) => (
            <Checkbox key={a} label={ta(`action.${a}`)} checked={form.actions.includes(a)} onChange={(on) => edit({ actions: toggle(form.actions, a, on) }, "actions")} />
          ))}
        </CheckboxGroup>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t("threshold")}
            inputMode="numeric"
            value={form.threshold}
            onChange={(e) => edit({ threshold: e.target.value }, "threshold")}
            error={err("threshold")}
            hint={yen !== null ? t("thresholdHint", { amount: formatYen(yen, locale) }) : t("thresholdHintEmpty")}
            placeholder="1,000,000"
          />
          <TextField label={t("expiresAfterDays")} inputMode="numeric" value={form.expiresAfterDays} onChange={(e) => edit({ expiresAfterDays: e.target.value }, "expiresAfterDays")} error={err("expiresAfterDays")} hint={t("expiresAfterDaysHint")} />
        </div>
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-ink">{t("stages")}</legend>
          <p className="text-xs text-muted">{t("stagesHint")}</p>
          {form.stages.map((stage, i) => (
            <div key={i} className="space-y-3 rounded-md border border-line p-3" data-testid="stage-form">
              <div className="flex items-end gap-2">
                <TextField className="flex-1" label={t("stageName", { n: i + 1 })} value={stage.name} onChange={(e) => setStage(i, { name: e.target.value }, `stages.${i}.name`)} error={err(`stages.${i}.name`)} placeholder={i === 0 ? t("stageNamePlaceholder1") : t("stageNamePlaceholder2")} maxLength={60} />
                {form.stages.length > 1 ? (
                  <Button variant="ghost" aria-label={t("removeStage", { n: i + 1 })} onClick={() => (setForm({ ...form, stages: form.stages.filter((_, j) => j !== i) }), setErrors({}))}>
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                ) : null}
              </div>
              <CheckboxGroup legend={t("approverRoles", { n: i + 1 })} error={err(`stages.${i}.approvers`)}>
                {ORG_ROLES.map((role) => (
                  <Checkbox key={role} label={tc(`roles.${role}`)} checked={stage.roles.includes(role)} onChange={(on) => setStage(i, { roles: toggle<OrgRole>(stage.roles, role, on) }, `stages.${i}.approvers`)} />
                ))}
              </CheckboxGroup>
              <CheckboxGroup legend={t("approverMembers", { n: i + 1 })}>
                {members.map((m) => (
                  <Checkbox key={m.userId} label={`${m.name}（${tc(`roles.${m.role}`)}）`} checked={stage.userIds.includes(m.userId)} onChange={(on) => setStage(i, { userIds: toggle(stage.userIds, m.userId, on) }, `stages.${i}.approvers`)} />
                ))}
              </CheckboxGroup>
            </div>
          ))}
          {err("stages") ? (
            <p role="alert" className="text-xs text-red-700">
              {err("stages")}
            </p>
          ) : null}
          {form.stages.length < MAX_STAGES ? (
            <Button variant="secondary" size="sm" onClick={() => edit({ stages: [...form.stages, emptyStage()] }, "stages")}>
              <Plus className="size-4" aria-hidden />
              {t("addStage")}
            </Button>
          ) : null}
        </fieldset>
        {Object.keys(errors).length > 0 ? (
          <p role="alert" className="text-sm text-red-800">
            {t("fixErrors")}
          </p>
        ) : null}
        {failure ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {failure}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={pending}>
            {editing ? t("save") : t("add")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function CheckboxGroup({ legend, error, children }: { legend: string; error?: string; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="mb-1 text-sm font-medium text-ink">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">{children}</div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function Checkbox({ label, checked, onChange }: { label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="flex items-center gap-2 text-sm text-ink">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}
