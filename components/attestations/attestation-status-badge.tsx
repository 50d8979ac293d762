"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { AppraisalStatus } from "@/lib/domain/attestation";

const TONE: Record<AppraisalStatus, Tone> = { affirming: "success", warning: "warning", contraindicated: "danger" };

/** The appraisal in words and colour (never colour alone). */
export function AttestationStatusBadge({ status }: { status: AppraisalStatus }) {
  const t = useTranslations("attestations.status");
  return <Badge tone={TONE[status]}>{t(status)}</Badge>;
}

/** Whether a statement is still current, in words. */
export function ValidityBadge({ expiresAt, now = new Date() }: { expiresAt: string; now?: Date }) {
  const t = useTranslations("attestations");
  const expired = Date.parse(expiresAt) <= now.getTime();
  return <Badge tone={expired ? "neutral" : "info"}>{expired ? t("expired") : t("current")}</Badge>;
}
