"use client";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextAreaField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { newIdempotencyKey } from "@/lib/client/api-fetch";
import { useDecideStaffApproval } from "@/lib/client/staff/use-staff-approvals";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { StaffApprovalRequest } from "@/lib/domain/staff-approvals";
import { formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";

/** The account manager approves (a note optional) or rejects (a reason required) a large reservation. */
export function StaffApprovalDialog({ request, mode, onClose }: { request: StaffApprovalRequest; mode: "approve" | "reject"; onClose: () => void }) {
  const t = useTranslations("staff.approvals");
  const tc = useTranslations("common");
  const locale = useLocale() as Locale;
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const decide = useDecideStaffApproval();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [comment, setComment] = useState("");
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const reasonError = mode === "reject" && touched && comment.trim() === "" ? t("rejectReasonRequired") : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (mode === "reject" && comment.trim() === "") return;
    setServerError(null);
    try {
      const decided = await decide.mutateAsync({ id: request.id, input: { decision: mode, comment: comment.trim() }, idempotencyKey });
      if (decided.status === "refused") toast.error(t("refusedToast", { reason: decided.refusal?.message ?? "" }));
      else toast.success(mode === "approve" ? t("approvedToast") : t("rejectedToast"));
      onClose();
    } catch (error) {
      setServerError(errorMessage(error));
    }
  };

  const org = locale === "ja" ? request.org.legalNameJa : request.org.legalNameEn;
  const total = Number(request.order.totalCommitmentJpy ?? 0);
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={mode === "approve" ? t("approveTitle") : t("rejectTitle")}
      description={t("dialogSummary", { org, target: request.targetName, total: formatYen(total, locale), threshold: formatYen(request.thresholdJpy, locale) })}
      closeLabel={tc("close")}
    >
      <form onSubmit={submit} className="space-y-4" noValidate>
        <p className="rounded bg-canvas p-3 text-sm">
          <span className="block text-xs text-muted">{t("subject")}</span>
          {request.subject}
          <span className="mt-2 block text-xs text-muted">{t("purpose")}</span>
          {request.purpose}
        </p>
        <TextAreaField
          label={mode === "approve" ? t("note") : t("rejectReason")}
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          hint={mode === "reject" ? t("rejectReasonHint") : undefined}
          error={reasonError}
        />
        {serverError ? (
          <p role="alert" className="text-sm text-red-800">
            {serverError}
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
