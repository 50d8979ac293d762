import { z } from "zod";

// A metering record from the control plane. `id` is stable: the same interval of the same
// resource always has the same id, so the console ingests at least once and counts exactly once.

export const MeteringRecord = z.object({
  id: z.string(),
  tenantId: z.string().describe("the console org id the resource belongs to"),
  resourceId: z.string().describe("cluster or endpoint id"),
  resourceKind: z.enum(["cluster", "endpoint"]),
  /** What is being metered: a node of a shape, a cluster control plane, inference tokens, or the Batch API's tokens (billed at the batch discount). */
  meter: z.enum(["node", "control_plane", "tokens", "batch_tokens"]),
  shapeId: z.string().nullable().describe("node shape; null for control plane and tokens"),
  controlPlaneTier: z.enum(["single", "ha"]).nullable(),
  regionId: z.string(),
  zoneId: z.string(),
  intervalStart: z.string().describe("RFC 3339 UTC, inclusive"),
  intervalEnd: z.string().describe("RFC 3339 UTC, exclusive"),
  /** Seconds the node (or control plane) was held within the interval. */
  seconds: z.number().int().nonnegative(),
  gpuSeconds: z.number().int().nonnegative(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
  /** The reservation a node was drawn from (its hours are paid by the reservation); absent or null = on demand. */
  reservationId: z.string().nullable().optional(),
  /** Monotonic sequence in the control plane's log; `since` cursors are built on it. */
  sequence: z.number().int().nonnegative(),
});
export type MeteringRecord = z.infer<typeof MeteringRecord>;
