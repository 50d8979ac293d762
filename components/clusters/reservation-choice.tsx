"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import { useReservations } from "@/lib/client/reservations/use-reservations";

// The launch wizard offers the org's active reservations that fit a pool (same zone and shape,
// nodes free): drawn from one, the pool takes no on-demand capacity and its usage is billed at ¥0
// (the reservation is billed for its term). Shown only when one fits; roles that cannot read
// reservations see nothing here.

export function ReservationChoice(props: { slug: string; zoneId: string; shapeId: string; value: string; onChange: (reservationId: string) => void; error?: string }) {
  const t = useTranslations("clusters.wizard");
  const reservations = useReservations(props.slug);
  const fitting = (reservations.data ?? []).filter((r) => r.status === "active" && r.zoneId === props.zoneId && r.shapeId === props.shapeId && r.count - r.inUse > 0);
  if (fitting.length === 0 && !props.value) return null;
  return (
    <SelectField className="sm:col-span-3" label={t("reservation")} hint={t("reservationHint")} value={props.value} onChange={(e) => props.onChange(e.target.value)} error={props.error}>
      <option value="">{t("onDemand")}</option>
      {fitting.map((r) => (
        <option key={r.id} value={r.id}>
          {t("reservationOption", { id: r.id, free: r.count - r.inUse, count: r.count, endsAt: r.endsAt.slice(0, 10) })}
        </option>
      ))}
    </SelectField>
  );
}
