"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { ApiError } from "@/lib/client/api-fetch";
import { useCreateBudget, useUpdateBudget } from "@/lib/client/billing/use-budgets";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { Budget } from "@/lib/domain/billing-api";
import { BUDGET_MINIMUM_JPY } from "@/lib/domain/billing/budget-minimum";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { useToast } from "@/components/ui/toaster";

type SoftAction = "none" | "scale_endpoints_to_min";

/** Parses "50, 80, 100" into sorted unique percents, or null when it is not that. */
function parseThresholds(text: string): number[] | null {
  const parts = text.split(/[,\s、，]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 10) return null;
  const values = parts.map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 1 || v > 1000)) return null;
  return [...new Set(values)].sort((a, b) => a - b);
}

export function BudgetDialog({ slug, budget, isOwner, open, onOpenChange }: { slug: string; budget: Budget | null; isOwner: boolean; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("billing.budgets");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const create = useCreateBudget(slug);
  const update = useUpdateBudget(slug);
  const [form, setForm] = useState({
    name: budget?.name ?? "",
    amount: budget ? String(budget.monthlyAmountJpy) : "",
    thresholds: (budget?.thresholds ?? [50, 80, 100]).join(", "),
    softAction: (budget?.softAction ?? "none") as SoftAction,
  });
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const amount = Number(form.amount);
  const thresholds = parseThresholds(form.thresholds);
  const errors = {
    name: form.name.trim() ? undefined : t("nameRequired"),
    amount: !Number.isInteger(amount) || amount <= 0 ? t("amountInvalid") : amount < BUDGET_MINIMUM_JPY ? t("amountBelowMinimum", { minimum: formatYen(BUDGET_MINIMUM_JPY, locale) }) : undefined,
    thresholds: thresholds ? undefined : t("thresholdsInvalid"),
  };
  const valid = !errors.name && !errors.amount && !errors.thresholds;
  const pending = create.isPending || update.isPending;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    setServerError(null);
    if (!valid || !thresholds) return;
    const body = { name: form.name.trim(), monthlyAmountJpy: amount, thresholds, softAction: form.softAction };
    try {
      if (budget) {
        const change: Record<string, unknown> = { name: body.name, monthlyAmountJpy: body.monthlyAmountJpy, thresholds: body.thresholds };
        if (isOwner) change.softAction = body.softAction;
        await update.mutateAsync({ id: budget.id, change });
        toast.success(t("saved", { name: body.name }));
      } else {
        await create.mutateAsync(isOwner ? body : { ...body, softAction: "none" });
        toast.success(t("created", { name: body.name }));
      }
      onOpenChange(false);
    } catch (error) {
      setServerError(error instanceof ApiError && error.code === "forbidden" && error.field === "softAction" ? t("softActionOwnerOnly") : errorMessage(error));
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={budget ? t("editTitle") : t("createTitle")} description={t("dialogDescription")} closeLabel={tc("close")}>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <TextField label={t("name")} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} error={submitted ? errors.name : undefined} maxLength={100} required />
        <TextField
          label={t("amount")}
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={form.amount}
          onChange={(e) => setForm({ ...form, amount: e.target.value })}
          error={submitted || form.amount ? errors.amount : undefined}
          hint={!errors.amount ? t("amountHint", { amount: formatYen(amount, locale) }) : undefined}
          required
        />
        <TextField
          label={t("thresholds")}
          value={form.thresholds}
          onChange={(e) => setForm({ ...form, thresholds: e.target.value })}
          error={errors.thresholds}
          hint={thresholds && !errors.amount ? t("thresholdsHint", { list: thresholds.map((p) => `${p}% = ${formatYen(Math.floor((amount * p) / 100), locale)}`).join(" / ") }) : t("thresholdsFormat")}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-ink">{t("softAction")}</legend>
          {(["none", "scale_endpoints_to_min"] as const).map((action) => (
            <label key={action} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="softAction"
                value={action}
                checked={form.softAction === action}
                disabled={!isOwner}
                onChange={() => setForm({ ...form, softAction: action })}
                className="mt-1"
              />
              <span>
                {t(`softActions.${action}`)}
                <span className="block text-xs text-muted">{t(`softActionHints.${action}`)}</span>
              </span>
            </label>
          ))}
          {!isOwner ? <p className="text-xs text-muted">{t("softActionOwnerOnly")}</p> : null}
        </fieldset>
        {serverError ? (
          <p role="alert" className="text-sm text-red-800">
            {serverError}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={() => onOpenChange(false)}>
            {tc("cancel")}
          </Button>
          <Button type="submit" disabled={pending}>
            {pending ? tc("saving") : budget ? tc("save") : tc("create")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
