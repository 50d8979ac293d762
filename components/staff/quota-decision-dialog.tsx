"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { ApiError } from "@/lib/client/api-fetch";
import { useDecideQuotaRequest } from "@/lib/client/staff/use-quota-queue";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { StaffQuotaRequest } from "@/lib/domain/staff";
import type { Locale } from "@/lib/i18n/locales";

/** Approve (optionally another new limit) or reject with a reason; says no before submit. */
export function QuotaDecisionDialog({ request, mode, onClose }: { request: StaffQuotaRequest; mode: "approve" | "reject"; onClose: () => void }) {
  const t = useTranslations("staff.quota");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const decide = useDecideQuotaRequest();
  const [amount, setAmount] = useState(String(request.requestedGpus));
  const [text, setText] = useState("");
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<{ field?: string; message: string } | null>(null);

  const current = request.currentGpus;
  const approved = Number(amount);
  const amountError =
    mode === "approve" && (touched || amount !== String(request.requestedGpus)) && (!Number.isInteger(approved) || approved <= current) ? t("approvedGpusTooLow", { current }) : null;
  const reasonError = mode === "reject" && touched && text.trim() === "" ? t("rejectReasonRequired") : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (mode === "approve" && (!Number.isInteger(approved) || approved <= current)) return;
    if (mode === "reject" && text.trim() === "") return;
    setServerError(null);
    try {
      await decide.mutateAsync({
        id: request.id,
        decision: mode === "approve" ? { status: "approved", approvedGpus: approved, decisionReason: text.trim() || undefined } : { status: "rejected", decisionReason: text.trim() },
      });
      toast.success(mode === "approve" ? t("approvedToast") : t("rejectedToast"));
      onClose();
    } catch (error) {
      const field = error instanceof ApiError ? error.field : undefined;
      setServerError({ field, message: errorMessage(error) });
    }
  };

  const org = locale === "ja" ? request.org.legalNameJa : request.org.legalNameEn;
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={mode === "approve" ? t("approveTitle") : t("rejectTitle")}
      description={t("dialogSummary", { org, region: request.regionId, gpuModel: request.gpuModel, current, requested: request.requestedGpus })}
      closeLabel={tc("close")}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="rounded bg-canvas p-3 text-sm">
          <span className="block text-xs text-muted">{t("reason")}</span>
          {request.reason}
        </p>
        {mode === "approve" ? (
          <TextField
            label={t("approvedGpus")}
            type="number"
            inputMode="numeric"
            min={current + 1}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            hint={t("approvedGpusHint", { requested: request.requestedGpus, current })}
            error={amountError ?? (serverError?.field === "approvedGpus" ? serverError.message : null)}
          />
        ) : null}
        <TextAreaField
          label={mode === "approve" ? t("note") : t("rejectReason")}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          hint={mode === "reject" ? t("rejectReasonHint") : undefined}
          error={reasonError ?? (serverError?.field === "decisionReason" ? serverError.message : null)}
        />
        {serverError && serverError.field !== "approvedGpus" && serverError.field !== "decisionReason" ? (
          <p role="alert" className="text-sm text-red-800">
            {serverError.message}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={onClose}>
            {tc("cancel")}
          </Button>
          <Button type="submit" variant={mode === "approve" ? "primary" : "danger"} disabled={decide.isPending}>
            {mode === "approve" ? t("confirmApprove") : t("confirmReject")}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
