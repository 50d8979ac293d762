import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { capacityReservations } from "@/lib/db/schema";
import type { HeldReservation } from "@/lib/domain/control-plane-reservations";
import { notFound } from "@/lib/domain/errors";
import type { Reservation } from "@/lib/domain/reservations/reservations-api";
import { orgContext } from "../access/org-context";
import { fleetNow } from "./reservation-terms";
import { reservationUtilisation } from "./reservation-utilisation";
import { toReservation } from "./to-reservation";

// Reads only. An org's reservations, newest first, with their state on the fleet's clock, the
// nodes in use now (from the control plane) and utilisation so far (from metering). Refused
// orders are not reservations and are not listed; one still being submitted is listed pending.

async function heldByControlPlane(cp: ControlPlane, orgId: string): Promise<{ nowMs: number; held: Map<string, HeldReservation> }> {
  const [nowMs, held] = await Promise.all([fleetNow(cp), cp.listReservations(orgId)]);
  return { nowMs, held: new Map(held.map((h) => [h.reservationId, h])) };
}

export async function listReservations(cp: ControlPlane, principal: Principal, slug: string): Promise<Reservation[]> {
  const { db, orgId } = await orgContext(principal, slug, "reservations.read");
  const rows = (await db.select().from(capacityReservations).where(eq(capacityReservations.orgId, orgId)).orderBy(desc(capacityReservations.id)).limit(500)).filter(
    (r) => r.state !== "refused",
  );
  const { nowMs, held } = await heldByControlPlane(cp, orgId);
  const utilisation = await reservationUtilisation(db, orgId, rows, nowMs);
  return rows.map((r) => toReservation(r, nowMs, held.get(r.id), utilisation.get(r.id) ?? null));
}

export async function getReservation(cp: ControlPlane, principal: Principal, slug: string, id: string): Promise<Reservation> {
  const { db, orgId } = await orgContext(principal, slug, "reservations.read");
  const [row] = await db.select().from(capacityReservations).where(and(eq(capacityReservations.orgId, orgId), eq(capacityReservations.id, id)));
  if (!row || row.state === "refused") throw notFound("reservation");
  const { nowMs, held } = await heldByControlPlane(cp, orgId);
  const utilisation = await reservationUtilisation(db, orgId, [row], nowMs);
  return toReservation(row, nowMs, held.get(row.id), utilisation.get(row.id) ?? null);
}
