import "server-only";
import { capacityReservations } from "@/lib/db/schema";
import { findShape } from "@/lib/domain/catalog";
import { hourRateYen } from "@/lib/domain/billing";
import { yen, toIso } from "@/lib/domain/common";
import type { HeldReservation } from "@/lib/domain/control-plane-reservations";
import type { Reservation, ReservationStatus, ReservationUtilisation } from "@/lib/domain/reservations/reservations-api";

export type ReservationRow = typeof capacityReservations.$inferSelect;

/** pending (before the start) → active → expired, on the fleet's clock; cancelled before its start. */
export function statusAt(row: ReservationRow, nowMs: number): ReservationStatus {
  if (row.state === "cancelled") return "cancelled";
  if (nowMs >= row.endsAt.getTime()) return "expired";
  return nowMs >= row.startsAt.getTime() ? "active" : "pending";
}

export function toReservation(row: ReservationRow, nowMs: number, held: HeldReservation | undefined, utilisation: ReservationUtilisation | null): Reservation {
  return {
    id: row.id,
    shapeId: row.shapeId,
    zoneId: row.zoneId,
    regionId: row.regionId,
    count: row.count,
    gpuCount: row.gpuCount,
    term: row.term as Reservation["term"],
    status: statusAt(row, nowMs),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reservedRatePerHour: hourRateYen(row.reservedHourRu),
    totalCommitment: yen(row.totalCommitmentJpy),
    inUse: held?.inUse ?? 0,
    utilisation,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    cancelledAt: toIso(row.cancelledAt),
  };
}

export const gpusOf = (shapeId: string, count: number) => (findShape(shapeId)?.gpuCount ?? 0) * count;
