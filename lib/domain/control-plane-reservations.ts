import { z } from "zod";
import { findZone } from "./catalog/regions";
import { findShape, NVL72_TRAYS_PER_RACK } from "./catalog/shapes";

// Reservations at the control-plane boundary (an addition to control-plane.ts): the fleet holds
// whole machines of a shape in a zone for one tenant over [startsAt, endsAt). From the order until
// the end, held machines are never given to anyone else; from the start, launches of that tenant
// that name the reservation are placed on them. At the end the machines go back to the fleet and
// nodes still running on them are stopped, as capacity blocks elsewhere are.

const Timestamp = z.iso.datetime().describe("RFC 3339, UTC");
const ConsoleId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "1–64 letters, digits, '-' or '_'");

const wholeMachine = (id: string) => findShape(id) !== undefined && id !== "h100-1x";

const Window = z.object({
  shapeId: z.string().refine(wholeMachine, "only whole machines can be reserved"),
  zoneId: z.string().refine((id) => findZone(id) !== undefined, "unknown zone"),
  count: z.number().int().min(1).max(1152),
  startsAt: Timestamp,
  endsAt: Timestamp,
});

function checkWindow(w: z.infer<typeof Window>, ctx: z.RefinementCtx) {
  if (Date.parse(w.endsAt) <= Date.parse(w.startsAt)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endsAt must be after startsAt" });
  if (findShape(w.shapeId)?.rackScale && w.count % NVL72_TRAYS_PER_RACK !== 0) {
    ctx.addIssue({ code: "custom", path: ["count"], message: `rack-scale shapes are held in whole racks: a multiple of ${NVL72_TRAYS_PER_RACK}` });
  }
}

export const ReservationAvailabilityQuery = Window.superRefine(checkWindow);
export type ReservationAvailabilityQuery = z.infer<typeof ReservationAvailabilityQuery>;

export const ReservationAvailability = z.object({
  /** Whether the whole window can be guaranteed as asked. */
  available: z.boolean(),
  /** The asked start when available; otherwise the earliest start the same term can be guaranteed, or null if none is known. */
  earliestStartAt: Timestamp.nullable(),
  /** What the answer rests on, for the customer to read. */
  basis: z.enum(["free_now", "reservations_ending", "none"]),
});
export type ReservationAvailability = z.infer<typeof ReservationAvailability>;

export const ReservationSpec = Window.extend({ tenantId: ConsoleId, reservationId: ConsoleId }).superRefine(checkWindow);
export type ReservationSpec = z.infer<typeof ReservationSpec>;
export type ReservationSpecInput = z.input<typeof ReservationSpec>;

export const HeldReservation = z.object({
  reservationId: z.string(),
  tenantId: z.string(),
  shapeId: z.string(),
  regionId: z.string(),
  zoneId: z.string(),
  count: z.number().int(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  /** scheduled (before its start) → active → expired; cancelled before its start. */
  status: z.enum(["scheduled", "active", "expired", "cancelled"]),
  /** Nodes placed on the reservation's machines now. */
  inUse: z.number().int().nonnegative(),
  hostIds: z.array(z.string()),
});
export type HeldReservation = z.infer<typeof HeldReservation>;

/** What the fleet knows about capacity coming free in a zone for a shape: the basis of a queue estimate. */
export const ReleaseOutlook = z.object({
  zoneId: z.string(),
  shapeId: z.string(),
  /** Machines that come free at a known time: reservations ending (their nodes stop then). */
  knownReleases: z.array(z.object({ at: Timestamp, count: z.number().int().positive() })),
  /** Machines released per hour over the last 24 hours (on-demand workloads have no known end). */
  observedReleasesPerHour: z.number().nonnegative(),
});
export type ReleaseOutlook = z.infer<typeof ReleaseOutlook>;
