"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/field";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/components/shell/org-context";
import { ApiError, newIdempotencyKey } from "@/lib/client/api-fetch";
import { useDecideApprovalRequest } from "@/lib/client/approvals/use-approval-requests";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";

// 承認・却下 with a comment (required to reject), for the approver of the awaited stage or their
// delegate. One Idempotency-Key per intent: a double click decides once.

export function ApprovalDecisionForm({ request, delegatorName }: { request: ApprovalRequest; delegatorName: string | null }) {
  const { slug } = useOrg();
  const t = useTranslations("approvals.decide");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const decide = useDecideApprovalRequest(slug, request.id);
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | undefined>();
  const intent = useRef<{ decision: string; key: string } | null>(null);
  const stage = request.stages[request.currentStage]?.name ?? "";

  const send = async (decision: "approve" | "reject") => {
    if (decision === "reject" && comment.trim() === "") {
      setError(t("commentHint"));
      return;
    }
    setError(undefined);
    if (intent.current?.decision !== decision) intent.current = { decision, key: newIdempotencyKey() };
    try {
      const after = await decide.mutateAsync({ input: { decision, comment }, idempotencyKey: intent.current.key });
      toast.success(after.status === "executed" ? t("executed") : after.status === "refused" ? t("refused") : decision === "approve" ? t("approved") : t("rejected"));
    } catch (e) {
      intent.current = null;
      if (e instanceof ApiError && e.field === "comment") setError(errorMessage(e));
      toast.error(errorMessage(e));
    }
  };

  return (
    <Card>
      <CardHeader title={t("title")} description={delegatorName ? t("youDecideOnBehalf", { name: delegatorName, stage }) : t("youDecide", { stage })} />
      <CardBody className="space-y-3">
        <TextAreaField label={t("comment")} hint={t("commentHint")} value={comment} onChange={(e) => setComment(e.target.value)} error={error} maxLength={2000} rows={3} />
        <div className="flex gap-2">
          <Button onClick={() => send("approve")} disabled={decide.isPending}>
            {t("approve")}
          </Button>
          <Button variant="danger" onClick={() => send("reject")} disabled={decide.isPending}>
            {t("reject")}
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}
