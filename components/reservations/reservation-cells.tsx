"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { Td } from "@/components/ui/table";
import type { Reservation } from "@/lib/domain/reservations/reservations-api";
import { formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ReservationStatusBadge } from "./reservation-status-badge";

/** The first three cells of a reservation's row in any table: what it is (linked), its state, its term. */
export function ReservationCells({ slug, reservation: r }: { slug: string; reservation: Pick<Reservation, "id" | "shapeId" | "count" | "zoneId" | "status" | "startsAt" | "endsAt"> }) {
  const t = useTranslations("reservations");
  const locale = useLocale() as Locale;
  return (
    <>
      <Td>
        <Link className="font-medium text-brand-700 hover:underline" href={`/${slug}/reservations/${r.id}`}>
          {t("summary", { shape: r.shapeId, count: r.count, zone: r.zoneId })}
        </Link>
        <div className="font-mono text-xs text-muted">{r.id}</div>
      </Td>
      <Td>
        <ReservationStatusBadge status={r.status} />
      </Td>
      <Td className="text-xs">
        {formatDateTime(r.startsAt, locale)} – {formatDateTime(r.endsAt, locale)}
      </Td>
    </>
  );
}
