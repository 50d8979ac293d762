import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { capacityReservations } from "@/lib/db/schema";
import { AppError, isAppError, notFound } from "@/lib/domain/errors";
import type { Reservation } from "@/lib/domain/reservations/reservations-api";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { getReservation } from "./list-reservations";
import { fleetNow } from "./reservation-terms";

// Cancelling is possible only before the start: nothing is billed and the machines go back to
// the fleet at once. The fleet is told first (a repeat there is harmless), then the order is
// marked, so a crash in between is completed by calling again.

export async function cancelReservation(cp: ControlPlane, principal: Principal, slug: string, id: string): Promise<Reservation> {
  const { db, orgId } = await orgContext(principal, slug, "reservations.order");
  const [row] = await db.select().from(capacityReservations).where(and(eq(capacityReservations.orgId, orgId), eq(capacityReservations.id, id)));
  if (!row || row.state === "refused") throw notFound("reservation");
  if (row.state === "cancelled") return getReservation(cp, principal, slug, id);
  if ((await fleetNow(cp)) >= row.startsAt.getTime()) {
    throw new AppError("business_rule", "a reservation can be cancelled only before its start", { startsAt: row.startsAt.toISOString() });
  }
  try {
    await cp.cancelReservation(id);
  } catch (error) {
    // An order still "submitting" may never have reached the fleet: nothing to give back there.
    if (!(row.state === "submitting" && isAppError(error) && error.code === "not_found")) throw error;
  }
  await db.transaction(async (tx) => {
    await tx.update(capacityReservations).set({ state: "cancelled", cancelledAt: new Date() }).where(and(eq(capacityReservations.orgId, orgId), eq(capacityReservations.id, id)));
    await recordAudit(tx, principal, orgId, { action: "reservation.cancel", targetType: "reservation", targetId: id, data: { startsAt: row.startsAt.toISOString() } });
  });
  return getReservation(cp, principal, slug, id);
}
