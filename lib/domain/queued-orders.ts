import { z } from "zod";
import { NVL72_TRAYS_PER_RACK } from "./catalog/shapes";
import { Timestamp } from "./common";
import { EstimateBasis } from "./reservations/capacity-queue";
import { ConsoleOperationKind } from "./operations";

// The capacity queue (空き待ち): a launch or a scale-up that cannot be placed now may wait for
// capacity instead of being refused. It is all-or-nothing (every node it asks for at once, or it
// keeps waiting), started in order of arrival within its zone, and gives up at its deadline.

/** Longest a queued order may wait: beyond this, a reservation is the honest answer. */
export const QUEUE_MAX_WAIT_DAYS = 30;

/** What a launch or a scale-up says to wait rather than fail when there is no capacity. */
export const QueueRequest = z.object({
  /** Give up (the operation fails with queue_deadline_passed) if not started by then. */
  deadline: z.iso.datetime({ offset: true }).optional(),
});
export type QueueRequest = z.infer<typeof QueueRequest>;

/** What a queued operation needs from the zone: recorded with it, read by the queue's round. */
export interface QueuedDemand {
  shapeId: string;
  /** Nodes (or trays) on top of what is held now. */
  additional: number;
  topology: "rack" | null;
}

export interface QueueTicket {
  zoneId: string;
  regionId: string;
  demands: QueuedDemand[];
  deadline: string | null;
  queuedAt: string;
}

/** Why a queued operation failed: its code, as the operation's error and the UI's translation key. */
export const QUEUE_DEADLINE_PASSED = "queue_deadline_passed";

/** The public view of a queued operation's wait (the operation's `queue`). */
export const QueueStatus = z.object({
  zoneId: z.string(),
  queuedAt: Timestamp,
  deadline: Timestamp.nullable(),
});
export type QueueStatus = z.infer<typeof QueueStatus>;

/** The deadline must lie ahead, within QUEUE_MAX_WAIT_DAYS; returns a message when it does not. */
export function deadlineProblem(deadline: string | undefined, now: Date): string | null {
  if (!deadline) return null;
  const at = Date.parse(deadline);
  if (at <= now.getTime()) return "the deadline must lie in the future";
  if (at > now.getTime() + QUEUE_MAX_WAIT_DAYS * 86_400_000) return `the deadline may lie at most ${QUEUE_MAX_WAIT_DAYS} days ahead`;
  return null;
}

/** The free capacity of one shape in one zone, as the queue reads it (a ShapeCapacity's part). */
export interface FreeCapacity {
  zoneId: string;
  shapeId: string;
  available: number;
  wholeRacksAvailable: number | null;
}

/**
 * All-or-nothing: does every demand fit in the zone at once? Demands of one shape add up; a
 * whole-rack demand needs whole free racks besides the trays.
 */
export function fitsAtOnce(capacity: FreeCapacity[], zoneId: string, demands: QueuedDemand[]): boolean {
  const byShape = new Map<string, { nodes: number; racks: number }>();
  for (const d of demands) {
    if (d.additional <= 0) continue;
    const need = byShape.get(d.shapeId) ?? { nodes: 0, racks: 0 };
    if (d.topology === "rack") need.racks += Math.ceil(d.additional / NVL72_TRAYS_PER_RACK);
    else need.nodes += d.additional;
    byShape.set(d.shapeId, need);
  }
  for (const [shapeId, need] of byShape) {
    const here = capacity.find((c) => c.zoneId === zoneId && c.shapeId === shapeId);
    if (!here) return false;
    if (here.available - need.racks * NVL72_TRAYS_PER_RACK < need.nodes) return false;
    if (need.racks > 0 && (here.wholeRacksAvailable ?? 0) < need.racks) return false;
  }
  return true;
}

/** A queued order's place and its estimated start, with what the estimate rests on (API and console). */
export const QueuedOrder = z.object({
  operationId: z.string(),
  kind: ConsoleOperationKind,
  target: z.object({ kind: z.string(), id: z.string(), name: z.string().nullable() }),
  zoneId: z.string(),
  /** What it waits for, all at once. */
  demands: z.array(z.object({ shapeId: z.string(), additional: z.number().int(), topology: z.enum(["rack"]).nullable() })),
  queuedAt: Timestamp,
  deadline: Timestamp.nullable(),
  /** 1 = next to start in its zone among orders for the same shapes (every customer's, by arrival). */
  position: z.number().int(),
  /** Orders ahead of it in that line (every customer's; only the count is shown). */
  ordersAhead: z.number().int(),
  /** Null when nothing is known to free and nothing was released lately: no honest estimate. */
  estimatedStartAt: Timestamp.nullable(),
  /** The shape whose line decides the estimate (the latest of the order's shapes), and the basis. */
  estimateShapeId: z.string(),
  estimateBasis: EstimateBasis,
  /** When this view was computed; it changes as capacity frees and orders ahead start or leave. */
  computedAt: Timestamp,
});
export type QueuedOrder = z.infer<typeof QueuedOrder>;
