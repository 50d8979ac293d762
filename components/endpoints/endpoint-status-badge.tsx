"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { EndpointStatus } from "@/lib/domain/endpoints";

const TONES: Record<EndpointStatus, Tone> = {
  provisioning: "info",
  running: "success",
  updating: "info",
  deleting: "warning",
  deleted: "neutral",
  failed: "danger",
};

export function EndpointStatusBadge({ status }: { status: EndpointStatus }) {
  const t = useTranslations("endpoints.status");
  return (
    <Badge tone={TONES[status]}>
      <span data-testid="endpoint-status">{t(status)}</span>
    </Badge>
  );
}

export function SimulatedBadge() {
  const t = useTranslations("endpoints");
  return (
    <span title={t("simulatedNote")}>
      <Badge tone="warning">{t("simulatedBadge")}</Badge>
    </span>
  );
}
