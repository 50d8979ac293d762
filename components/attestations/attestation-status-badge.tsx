"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { AppraisalStatus } from "@/lib/domain/attestation";
import type { ResidencyVerdict } from "@/lib/domain/residency-verdict";

const TONE: Record<ResidencyVerdict, Tone> = { affirming: "success", warning: "warning", contraindicated: "danger", not_applicable: "neutral" };

/** The verdict (判定) in words and colour (never colour alone): 適合 / 要確認 / 不適合 / 対象外. */
export function AttestationStatusBadge({ status }: { status: AppraisalStatus | ResidencyVerdict }) {
  const t = useTranslations("residency");
  return (
    <Badge tone={TONE[status]}>
      <span className="sr-only">{t("verdictLabel")}: </span>
      {t(`verdict.${status}`)}
    </Badge>
  );
}

/** Whether a statement is still current, in words. */
export function ValidityBadge({ expiresAt, now = new Date() }: { expiresAt: string; now?: Date }) {
  const t = useTranslations("attestations");
  const expired = Date.parse(expiresAt) <= now.getTime();
  return <Badge tone={expired ? "neutral" : "info"}>{expired ? t("expired") : t("current")}</Badge>;
}
