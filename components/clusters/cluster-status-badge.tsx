"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { ClusterStatus } from "@/lib/domain/clusters";

const TONES: Record<ClusterStatus, Tone> = { queued: "info", provisioning: "info", running: "success", updating: "info", deleting: "warning", deleted: "neutral", failed: "danger" };

export function ClusterStatusBadge({ status }: { status: ClusterStatus }) {
  const t = useTranslations("clusters.status");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
