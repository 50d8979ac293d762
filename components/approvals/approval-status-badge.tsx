"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { ApprovalRequestStatus } from "@/lib/domain/approval-requests";

const TONE: Record<ApprovalRequestStatus, Tone> = { pending: "info", approved: "info", executed: "success", refused: "danger", rejected: "danger", withdrawn: "neutral", expired: "warning" };

export function ApprovalStatusBadge({ status }: { status: ApprovalRequestStatus }) {
  const t = useTranslations("approvals.status");
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}
