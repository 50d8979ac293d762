"use client";
import { useTranslations } from "next-intl";
import { Badge, type Tone } from "@/components/ui/badge";
import type { ReservationStatus } from "@/lib/domain/reservations/reservations-api";

const TONES: Record<ReservationStatus, Tone> = { pending: "info", active: "success", expired: "neutral", cancelled: "neutral" };

export function ReservationStatusBadge({ status }: { status: ReservationStatus }) {
  const t = useTranslations("reservations.status");
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
