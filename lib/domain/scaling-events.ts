import { z } from "zod";
import { Timestamp } from "./common";

// Every decision the autoscaler takes about an endpoint's replicas, with the numbers it decided
// on, so a person can read why ("in-flight 23 > target 8 × 2 replicas"). The control plane
// writes them when it changes the replicas; the console only reads them.

export const ScalingEventCause = z.enum([
  /** The load stayed above what the replicas carry for the scale-up delay. */
  "load_above_target",
  /** The load stayed below what fewer replicas carry for the scale-down delay. */
  "load_below_target",
  /** No request for the idle period: the last replica was released (minReplicas 0). */
  "idle_to_zero",
  /** A request arrived with no replica: one is cold-started for it. */
  "request_at_zero",
]);
export type ScalingEventCause = z.infer<typeof ScalingEventCause>;

export const ScalingEvent = z.object({
  id: z.string(),
  endpointId: z.string(),
  at: Timestamp,
  fromReplicas: z.number().int(),
  toReplicas: z.number().int(),
  cause: ScalingEventCause,
  metric: z.enum(["concurrent_requests", "tokens_per_second"]).nullable().describe("what the load was measured in (null when no load was measured)"),
  observed: z.number().nullable().describe("the load the decision saw: peak requests in flight, or output tokens per second"),
  target: z.number().nullable().describe("the endpoint's target per replica"),
  windowSeconds: z.number().int().nullable().describe("how long the condition had to hold (scale-up/-down delay, or the idle period)"),
});
export type ScalingEvent = z.infer<typeof ScalingEvent>;

export const ScalingEventPage = z.object({ items: z.array(ScalingEvent), nextCursor: z.string().nullable() });
export type ScalingEventPage = z.infer<typeof ScalingEventPage>;

export const ScalingEventsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type ScalingEventsQuery = z.infer<typeof ScalingEventsQuery>;
