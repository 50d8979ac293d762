import "server-only";
import { eq } from "drizzle-orm";
import type { ControlPlane } from "@/lib/control-plane";
import { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { getDb } from "@/lib/db/client";
import { capacityReservations } from "@/lib/db/schema";
import type { HeldReservation } from "@/lib/domain/control-plane-reservations";
import { AppError, notFound } from "@/lib/domain/errors";

// Test-only: journeys move ONE reservation through its lifecycle on a server whose embedded
// simulator keeps the system clock (lib/control-plane/sim/reservation-time-travel.ts says why not
// the whole clock). The console's record follows the simulator's, so both agree on the window
// the status, the launch wizard and the invoice read. Called only by lib/server/test-hooks.ts.

export type ReservationMove = "start" | "end";

export async function moveReservationForTest(cp: ControlPlane, reservationId: string, move: ReservationMove): Promise<HeldReservation> {
  if (!(cp instanceof SimulatedControlPlane)) throw new AppError("business_rule", "time travel exists only for the embedded simulator");
  const db = await getDb();
  const [row] = await db.select({ id: capacityReservations.id, state: capacityReservations.state }).from(capacityReservations).where(eq(capacityReservations.id, reservationId));
  if (!row || row.state !== "ordered") throw notFound("reservation");
  const held = move === "start" ? await cp.startReservationNowForTest(reservationId) : await cp.endReservationNowForTest(reservationId);
  await db.update(capacityReservations).set({ startsAt: new Date(held.startsAt), endsAt: new Date(held.endsAt) }).where(eq(capacityReservations.id, reservationId));
  return held;
}
