import "server-only";
import { and, asc, eq, gt, lt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { capacityReservations } from "@/lib/db/schema";
import { jstDateOf, jstMonthRange } from "@/lib/domain/billing";
import type { ReservationCharge } from "@/lib/domain/billing/reservation-line";

// What a month owes for the org's reservations: every second of each term that falls in the JST
// month, whether used or not. A reservation cancelled before its start owes nothing.

export async function monthReservationCharges(db: DbOrTx, orgId: string, month: string): Promise<ReservationCharge[]> {
  const { start, end } = jstMonthRange(month);
  return reservationChargesBetween(db, orgId, start, end);
}

/**
 * The same charges for the part of one JST month in [start, end) — the cost explorer's "so far"
 * of the current month. Callers keep [start, end) inside one month: the invoice floors each
 * month's charge once, so a longer span is summed month by month.
 */
export async function reservationChargesBetween(db: DbOrTx, orgId: string, start: Date, end: Date): Promise<ReservationCharge[]> {
  const rows = await db
    .select()
    .from(capacityReservations)
    .where(and(eq(capacityReservations.orgId, orgId), eq(capacityReservations.state, "ordered"), lt(capacityReservations.startsAt, end), gt(capacityReservations.endsAt, start)))
    .orderBy(asc(capacityReservations.startsAt), asc(capacityReservations.id));
  return rows.map((r) => {
    const from = Math.max(r.startsAt.getTime(), start.getTime());
    const to = Math.min(r.endsAt.getTime(), end.getTime());
    return {
      reservationId: r.id,
      shapeId: r.shapeId,
      regionId: r.regionId,
      count: r.count,
      gpuCount: r.gpuCount,
      seconds: Math.floor((to - from) / 1000),
      reservedHourRu: r.reservedHourRu,
      fromDate: jstDateOf(from),
      // The last day the term covers in this month (the end instant itself is exclusive).
      toDate: jstDateOf(to - 1),
    };
  });
}
