import { z } from "zod";
import { findZone } from "../catalog/regions";
import { findShape } from "../catalog/shapes";
import { Timestamp } from "../common";

// The capacity queue (空き待ち): what waits for capacity in a zone, in order of arrival, and an
// honest estimate of when it starts. All-or-nothing: a request starts when all it asks for is
// free at once, and requests of one zone and shape start in arrival order — a small request does
// not overtake a large one ahead of it, so nobody waits forever behind a stream of small ones.

export const CapacityRequestKind = z.enum(["notify"]).describe("notify: tell me once when this much capacity is available (no order is placed)");

export const CreateCapacityRequestInput = z.object({
  kind: CapacityRequestKind.default("notify"),
  shapeId: z.string().refine((id) => findShape(id) !== undefined, "unknown shape"),
  zoneId: z.string().refine((id) => findZone(id) !== undefined, "unknown zone"),
  count: z.number().int().min(1).max(1152),
  /** Give up after this instant; null = no deadline. */
  deadline: Timestamp.nullable().default(null),
});
export type CreateCapacityRequestInput = z.input<typeof CreateCapacityRequestInput>;

export const CapacityRequestState = z.enum(["waiting", "notified", "cancelled", "expired"]);

export const EstimateBasis = z.object({
  availableNow: z.number().int(),
  aheadInQueue: z.number().int().describe("nodes asked for by requests ahead of this one in the same zone and shape"),
  knownReleases: z.number().int().describe("nodes whose release time is known (reservations ending) before the estimate"),
  observedReleasesPerHour: z.string().describe("nodes released per hour over the last day, decimal"),
});

export const CapacityRequest = z.object({
  id: z.string(),
  kind: CapacityRequestKind,
  shapeId: z.string(),
  zoneId: z.string(),
  count: z.number().int(),
  state: CapacityRequestState,
  deadline: Timestamp.nullable(),
  /** 1 = next in its zone and shape; null once it no longer waits. */
  position: z.number().int().nullable(),
  estimatedStartAt: Timestamp.nullable(),
  estimateBasis: EstimateBasis.nullable(),
  createdAt: Timestamp,
  notifiedAt: Timestamp.nullable(),
});
export type CapacityRequest = z.infer<typeof CapacityRequest>;

export interface QueueEntry {
  id: string;
  count: number;
  createdAtMs: number;
}

/** Arrival order (ties by id, which is time-sortable): the one order the queue is served in. */
export function inArrivalOrder<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.createdAtMs - b.createdAtMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Which waiting requests can be served now with `available` free nodes: the head of the line,
 * then the next, while each fits whole. The first that does not fit stops the line.
 */
export function servable<T extends QueueEntry>(entries: readonly T[], available: number): T[] {
  const out: T[] = [];
  let left = available;
  for (const e of inArrivalOrder(entries)) {
    if (e.count > left) break;
    out.push(e);
    left -= e.count;
  }
  return out;
}

export interface EstimateInput {
  nowMs: number;
  /** This request and everything waiting in its zone and shape. */
  queue: readonly QueueEntry[];
  requestId: string;
  availableNow: number;
  /** Nodes that free at a known time (reservations ending), any order. */
  knownReleases: readonly { atMs: number; count: number }[];
  /** Nodes released per hour recently (on-demand workloads have no known end). */
  observedReleasesPerHour: number;
}

export interface Estimate {
  position: number;
  estimatedStartAtMs: number | null;
  basis: { availableNow: number; aheadInQueue: number; knownReleases: number; observedReleasesPerHour: string };
}

/**
 * When the request can start: the moment the capacity freed (now, known releases, then the
 * observed release rate) covers everything ahead of it plus itself. Null when nothing is known to
 * free and nothing has been released lately — the honest answer is "no estimate".
 */
export function estimateStart(input: EstimateInput): Estimate {
  const ordered = inArrivalOrder(input.queue);
  const index = ordered.findIndex((e) => e.id === input.requestId);
  if (index < 0) throw new RangeError(`request ${input.requestId} is not in the queue`);
  const ahead = ordered.slice(0, index).reduce((s, e) => s + e.count, 0);
  const needed = ahead + ordered[index].count;
  const rate = Math.max(0, input.observedReleasesPerHour);
  const basis = (knownReleases: number) => ({ availableNow: input.availableNow, aheadInQueue: ahead, knownReleases, observedReleasesPerHour: rate.toFixed(2) });
  if (input.availableNow >= needed) return { position: index + 1, estimatedStartAtMs: input.nowMs, basis: basis(0) };

  let freed = input.availableNow;
  let lastMs = input.nowMs;
  let known = 0;
  for (const release of [...input.knownReleases].filter((r) => r.atMs >= input.nowMs).sort((a, b) => a.atMs - b.atMs)) {
    // Releases at the observed rate keep coming in between known ones.
    const byRate = (rate * (release.atMs - lastMs)) / 3_600_000;
    if (freed + byRate >= needed) return { position: index + 1, estimatedStartAtMs: lastMs + Math.ceil(((needed - freed) / rate) * 3_600_000), basis: basis(known) };
    freed += byRate + release.count;
    known += release.count;
    lastMs = release.atMs;
    if (freed >= needed) return { position: index + 1, estimatedStartAtMs: release.atMs, basis: basis(known) };
  }
  if (rate === 0) return { position: index + 1, estimatedStartAtMs: null, basis: basis(known) };
  return { position: index + 1, estimatedStartAtMs: lastMs + Math.ceil(((needed - freed) / rate) * 3_600_000), basis: basis(known) };
}
