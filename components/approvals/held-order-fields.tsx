"use client";
import { useLocale, useTranslations } from "next-intl";
import { TextAreaField, TextField } from "@/components/ui/field";
import type { ApprovalRequirement } from "@/lib/client/approvals/approval-required";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// 件名 and 目的 for an order that a 稟議 rule turned out to hold (the API said so on the first
// submit): which rule, whose approval it waits for, and the two fields the approvers will read.
// The form keeps everything else the user entered and sends the same order again with them.

export interface HeldOrderText {
  subject: string;
  purpose: string;
}

export const NO_HELD_ORDER_TEXT: HeldOrderText = { subject: "", purpose: "" };

/** The order's `approval` part: only once a rule asked for it and both fields are filled. */
export function approvalPart(requirement: ApprovalRequirement | null, text: HeldOrderText): { approval?: HeldOrderText } {
  if (!requirement || !text.subject.trim() || !text.purpose.trim()) return {};
  return { approval: { subject: text.subject.trim(), purpose: text.purpose.trim() } };
}

export function HeldOrderFields({ requirement, value, onChange }: { requirement: ApprovalRequirement | null; value: HeldOrderText; onChange: (value: HeldOrderText) => void }) {
  const t = useTranslations("approvals.wizard");
  const ta = useTranslations("approvals");
  const locale = useLocale() as Locale;
  if (!requirement) return null;
  const threshold = requirement.accountManagerThresholdJpy;
  // The account manager's stage (a contract setting) comes after the rule's stages, if any.
  const stages = threshold === null ? requirement.stages : [...requirement.stages, ta("accountManagerStage")];
  const notice = requirement.policyName
    ? t("heldNotice", { policy: requirement.policyName, stages: stages.join(" → ") })
    : t("heldByAccountManager", { threshold: formatYen(threshold ?? 0, locale) });
  return (
    <div className="space-y-3" data-testid="held-order-fields">
      <p role="status" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900">
        {notice}
      </p>
      <TextField label={t("subject")} hint={t("subjectHint")} value={value.subject} onChange={(e) => onChange({ ...value, subject: e.target.value })} maxLength={120} required autoFocus />
      <TextAreaField label={t("purpose")} hint={t("purposeHint")} value={value.purpose} onChange={(e) => onChange({ ...value, purpose: e.target.value })} maxLength={2000} rows={3} required />
    </div>
  );
}
