"use client";
import { useLocale, useTranslations } from "next-intl";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { useOrg } from "@/components/shell/org-context";
import { useCostCenters } from "@/lib/client/cost-centers/use-cost-centers";
import type { ClusterPreflight } from "@/lib/domain/clusters";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

// The launch wizard's "who pays" and 稟議 section: cost center and PO number for every order, and
// — when the preflight says a rule applies — that the order will wait for approval (which rule,
// which stages, how long) with the 件名 and 目的 the approvers will read.

export interface ApprovalFieldsValue {
  costCenterId: string;
  poNumber: string;
  subject: string;
  purpose: string;
}

export function LaunchApprovalFields({ approval, value, onChange, errorOf }: { approval: ClusterPreflight["approval"] | undefined; value: ApprovalFieldsValue; onChange: (change: Partial<ApprovalFieldsValue>) => void; errorOf: (field: string) => string | undefined }) {
  const { slug } = useOrg();
  const t = useTranslations("approvals.wizard");
  const locale = useLocale() as Locale;
  const centers = useCostCenters(slug);
  const active = (centers.data ?? []).filter((c) => !c.archivedAt);
  return (
    <Card>
      <CardHeader title={approval ? `${t("allocation")}・${t("title")}` : t("allocation")} />
      <CardBody className="grid gap-4 sm:grid-cols-2">
        <SelectField label={t("costCenter")} value={value.costCenterId} onChange={(e) => onChange({ costCenterId: e.target.value })} error={errorOf("costCenterId")}>
          <option value="">{t("costCenterNone")}</option>
          {active.map((c) => (
            <option key={c.id} value={c.id}>
              {c.code} {locale === "ja" ? c.nameJa : c.nameEn}
            </option>
          ))}
        </SelectField>
        <TextField label={t("poNumber")} value={value.poNumber} onChange={(e) => onChange({ poNumber: e.target.value })} error={errorOf("poNumber")} maxLength={64} autoComplete="off" />
        {approval ? (
          <>
            <p role="status" className="rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900 sm:col-span-2">
              {t("notice", { policy: approval.policyName, monthly: formatYen(approval.monthlyJpy, locale), stages: approval.stages.join(" → "), days: approval.expiresAfterDays })}
            </p>
            <TextField className="sm:col-span-2" label={t("subject")} hint={t("subjectHint")} value={value.subject} onChange={(e) => onChange({ subject: e.target.value })} error={errorOf("approval.subject")} maxLength={120} required />
            <TextAreaField className="sm:col-span-2" label={t("purpose")} hint={t("purposeHint")} value={value.purpose} onChange={(e) => onChange({ purpose: e.target.value })} error={errorOf("approval.purpose")} maxLength={2000} rows={3} required />
          </>
        ) : null}
      </CardBody>
    </Card>
  );
}
