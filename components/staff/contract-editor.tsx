"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/client/api-fetch";
import { useAccountContract, usePutAccountContract } from "@/lib/client/staff/use-account-contract";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { AccountContract, ContractVersion, PutContractInput } from "@/lib/domain/staff";
import { ContractTermsView } from "./contract-terms-view";

const GPU_MODELS = ["L40S", "H100", "H200", "B200", "GB200"] as const;
type GpuModel = (typeof GPU_MODELS)[number];

interface Form {
  effectiveFrom: string;
  discountPercent: string;
  byModel: Record<GpuModel, string>;
  committedMonthlyJpy: string;
  creditLimitJpy: string;
  paymentTermsDays: string;
  reservationApprovalAboveJpy: string;
}

function todayInTokyo(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function formFrom(version: ContractVersion | null): Form {
  return {
    effectiveFrom: todayInTokyo(),
    discountPercent: String(version?.discountPercent ?? 0),
    byModel: Object.fromEntries(GPU_MODELS.map((m) => [m, version?.discountByGpuModel[m] !== undefined ? String(version.discountByGpuModel[m]) : ""])) as Record<GpuModel, string>,
    committedMonthlyJpy: String(version?.committedMonthlyJpy ?? 0),
    creditLimitJpy: version?.creditLimitJpy != null ? String(version.creditLimitJpy) : "",
    paymentTermsDays: version?.paymentTermsDays ? String(version.paymentTermsDays) : "",
    reservationApprovalAboveJpy: version?.reservationApprovalAboveJpy != null ? String(version.reservationApprovalAboveJpy) : "",
  };
}

const isPercent = (s: string) => /^\d{1,3}(\.\d{1,2})?$/.test(s.trim()) && Number(s) <= 100;
const isWholeYen = (s: string) => /^\d{1,13}$/.test(s.trim());

export function ContractEditor({ slug, initial }: { slug: string; initial: AccountContract }) {
  const t = useTranslations("staff.contract");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const contract = useAccountContract(slug, initial);
  const save = usePutAccountContract(slug);
  const data = contract.data ?? initial;
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<Form>(() => formFrom(data.upcoming.at(-1) ?? data.current));
  const [serverError, setServerError] = useState<{ field?: string; message: string } | null>(null);

  // Say no before submit: each field's problem next to it.
  const errors: Partial<Record<string, string>> = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.effectiveFrom)) errors.effectiveFrom = t("effectiveHint");
  if (!isPercent(form.discountPercent)) errors.discountPercent = t("percent", { value: "0–100" });
  for (const m of GPU_MODELS) if (form.byModel[m] !== "" && !isPercent(form.byModel[m])) errors[`discountByGpuModel.${m}`] = t("percent", { value: "0–100" });
  if (!isWholeYen(form.committedMonthlyJpy)) errors.committedMonthlyJpy = t("committedHint");
  if (form.creditLimitJpy !== "" && !isWholeYen(form.creditLimitJpy)) errors.creditLimitJpy = t("creditLimitHint");
  if (form.paymentTermsDays !== "" && !(/^\d{1,3}$/.test(form.paymentTermsDays) && Number(form.paymentTermsDays) >= 1 && Number(form.paymentTermsDays) <= 365)) errors.paymentTermsDays = t("paymentTermsHint");
  if (form.reservationApprovalAboveJpy !== "" && !isWholeYen(form.reservationApprovalAboveJpy)) errors.reservationApprovalAboveJpy = t("reservationApprovalHint");
  const errorFor = (field: string) => errors[field] ?? (serverError?.field === field ? serverError.message : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (Object.keys(errors).length > 0) return;
    setServerError(null);
    const input: PutContractInput = {
      effectiveFrom: form.effectiveFrom,
      discountPercent: Number(form.discountPercent),
      discountByGpuModel: Object.fromEntries(GPU_MODELS.filter((m) => form.byModel[m] !== "").map((m) => [m, Number(form.byModel[m])])),
      committedMonthlyJpy: Number(form.committedMonthlyJpy),
      creditLimitJpy: form.creditLimitJpy === "" ? null : Number(form.creditLimitJpy),
      ...(form.paymentTermsDays !== "" ? { paymentTermsDays: Number(form.paymentTermsDays) } : {}),
      reservationApprovalAboveJpy: form.reservationApprovalAboveJpy === "" ? null : Number(form.reservationApprovalAboveJpy),
    };
    try {
      await save.mutateAsync(input);
      toast.success(t("saved"));
      setEditing(false);
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      setServerError({ field, message: errorMessage(error) });
    }
  };

  return (
    <div className="space-y-6">
      {editing ? (
        <Card>
          <CardHeader title={t("edit")} description={t("editorDescription")} />
          <CardBody>
            <form onSubmit={submit} className="space-y-4" noValidate aria-label={t("edit")}>
              <div className="grid gap-4 sm:grid-cols-2">
                <TextField label={t("effectiveFrom")} type="date" value={form.effectiveFrom} onChange={(e) => setForm({ ...form, effectiveFrom: e.target.value })} hint={t("effectiveHint")} error={errorFor("effectiveFrom")} />
                <TextField label={t("discount")} inputMode="decimal" value={form.discountPercent} onChange={(e) => setForm({ ...form, discountPercent: e.target.value })} error={errorFor("discountPercent")} />
              </div>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-ink">{t("discountByModel")}</legend>
                <p className="text-xs text-muted">{t("discountByModelHint")}</p>
                <div className="grid gap-3 sm:grid-cols-5">
                  {GPU_MODELS.map((m) => (
                    <TextField
                      key={m}
                      label={`${m} (%)`}
                      inputMode="decimal"
                      value={form.byModel[m]}
                      onChange={(e) => setForm({ ...form, byModel: { ...form.byModel, [m]: e.target.value } })}
                      error={errorFor(`discountByGpuModel.${m}`)}
                    />
                  ))}
                </div>
              </fieldset>
              <div className="grid gap-4 sm:grid-cols-3">
                <TextField label={t("committed")} inputMode="numeric" value={form.committedMonthlyJpy} onChange={(e) => setForm({ ...form, committedMonthlyJpy: e.target.value })} hint={t("committedHint")} error={errorFor("committedMonthlyJpy")} />
                <TextField label={t("creditLimit")} inputMode="numeric" value={form.creditLimitJpy} onChange={(e) => setForm({ ...form, creditLimitJpy: e.target.value })} hint={t("creditLimitHint")} error={errorFor("creditLimitJpy")} />
                <TextField label={t("paymentTermsInput")} inputMode="numeric" value={form.paymentTermsDays} onChange={(e) => setForm({ ...form, paymentTermsDays: e.target.value })} hint={t("paymentTermsHint")} error={errorFor("paymentTermsDays")} />
              </div>
              <TextField
                label={t("reservationApproval")}
                inputMode="numeric"
                value={form.reservationApprovalAboveJpy}
                onChange={(e) => setForm({ ...form, reservationApprovalAboveJpy: e.target.value })}
                hint={t("reservationApprovalHint")}
                error={errorFor("reservationApprovalAboveJpy")}
              />
              {serverError && !["effectiveFrom", "discountPercent", "committedMonthlyJpy", "creditLimitJpy", "paymentTermsDays", "reservationApprovalAboveJpy"].includes(serverError.field ?? "") && !serverError.field?.startsWith("discountByGpuModel") ? (
                <p role="alert" className="text-sm text-red-800">
                  {serverError.message}
                </p>
              ) : null}
              <div className="flex justify-end gap-2">
                <Button variant="ghost" onClick={() => setEditing(false)}>
                  {tc("cancel")}
                </Button>
                <Button type="submit" disabled={save.isPending}>
                  {save.isPending ? tc("saving") : t("save")}
                </Button>
              </div>
            </form>
          </CardBody>
        </Card>
      ) : (
        <div className="flex justify-end">
          <Button
            variant="secondary"
            onClick={() => {
              setForm(formFrom(data.upcoming.at(-1) ?? data.current));
              setEditing(true);
            }}
          >
            {t("edit")}
          </Button>
        </div>
      )}
      <ContractTermsView contract={data} showHistory />
    </div>
  );
}
