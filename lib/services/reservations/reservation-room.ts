import "server-only";
import { and, eq } from "drizzle-orm";
import type { ControlPlane } from "@/lib/control-plane";
import type { DbOrTx } from "@/lib/db/client";
import { capacityReservations } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";

// Room in one of the org's reservations for a launch or a scale-up that draws on it: the nodes
// come from the machines the fleet holds for the reservation, not from on-demand capacity, so the
// on-demand pre-check does not apply — this one does. The control plane checks the same again at
// placement (it is the authority); this answer only names the field before anything is written.

export interface ReservationDraw {
  field: string;
  reservationId: string;
  zoneId: string;
  shapeId: string;
  /** Nodes asked for on top of what the pool already holds. */
  additional: number;
}

/** Nodes still free in the reservation; throws with the field named when it cannot serve the draw. */
export async function assertReservationRoom(cp: ControlPlane, db: DbOrTx, orgId: string, draw: ReservationDraw): Promise<number> {
  const [row] = await db
    .select()
    .from(capacityReservations)
    .where(and(eq(capacityReservations.orgId, orgId), eq(capacityReservations.id, draw.reservationId)));
  if (!row || row.state === "refused") throw new AppError("not_found", `reservation ${draw.reservationId} not found`, { field: draw.field });
  if (row.zoneId !== draw.zoneId || row.shapeId !== draw.shapeId) {
    throw new AppError("validation_failed", `reservation ${row.id} holds ${row.shapeId} in ${row.zoneId}`, { field: draw.field, reservationId: row.id, zoneId: row.zoneId, shapeId: row.shapeId });
  }
  const held = await cp.getReservation(row.id);
  if (held.status !== "active") {
    throw new AppError("business_rule", `reservation ${row.id} is ${held.status}; it serves launches from ${held.startsAt} to ${held.endsAt}`, { field: draw.field, reservationId: row.id, status: held.status, startsAt: held.startsAt });
  }
  const free = held.count - held.inUse;
  if (draw.additional > free) {
    throw new AppError("capacity_unavailable", `reservation ${row.id} has ${free} of ${held.count} nodes free`, { field: draw.field, reservationId: row.id, requested: draw.additional, available: free });
  }
  return free;
}
