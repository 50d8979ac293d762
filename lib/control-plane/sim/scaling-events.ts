import { and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { ulid } from "@/lib/domain/ids";
import type { ScalingEvent, ScalingEventCause, ScalingEventPage } from "@/lib/domain/scaling-events";
import type { SimContext } from "./context";
import { iso } from "./db";
import { cpScalingEvents } from "./schema";

// The record of each replica change the simulator's autoscaler makes, written in the same
// transaction as the change itself, so the timeline never shows a decision that did not happen.

export interface ScalingDecision {
  endpointId: string;
  atMs: number;
  fromReplicas: number;
  toReplicas: number;
  cause: ScalingEventCause;
  metric?: ScalingEvent["metric"];
  observed?: number | null;
  target?: number | null;
  windowSeconds?: number | null;
}

export async function recordScalingEvent(tx: DbOrTx, decision: ScalingDecision): Promise<void> {
  await tx.insert(cpScalingEvents).values({
    id: ulid(decision.atMs),
    endpointId: decision.endpointId,
    at: new Date(decision.atMs),
    fromReplicas: decision.fromReplicas,
    toReplicas: decision.toReplicas,
    cause: decision.cause,
    metric: decision.metric ?? null,
    // Tokens per second are a rate over a tick: one decimal is what a person reads.
    observed: decision.observed === undefined || decision.observed === null ? null : Math.round(decision.observed * 10) / 10,
    target: decision.target ?? null,
    windowSeconds: decision.windowSeconds ?? null,
  });
}

/** Newest first; `cursor` is the id of the last event of the previous page. */
export async function listScalingEvents(ctx: SimContext, endpointId: string, cursor: string | null, limit: number): Promise<ScalingEventPage> {
  const size = Math.max(1, Math.min(500, Math.floor(limit) || 50));
  const rows = await ctx.db
    .select()
    .from(cpScalingEvents)
    .where(cursor ? and(eq(cpScalingEvents.endpointId, endpointId), lt(cpScalingEvents.id, cursor)) : eq(cpScalingEvents.endpointId, endpointId))
    .orderBy(desc(cpScalingEvents.id))
    .limit(size + 1);
  const page = rows.slice(0, size);
  return {
    items: page.map((r) => ({
      id: r.id,
      endpointId: r.endpointId,
      at: iso(r.at),
      fromReplicas: r.fromReplicas,
      toReplicas: r.toReplicas,
      cause: r.cause as ScalingEventCause,
      metric: r.metric as ScalingEvent["metric"],
      observed: r.observed,
      target: r.target,
      windowSeconds: r.windowSeconds,
    })),
    nextCursor: rows.length > size ? page[page.length - 1].id : null,
  };
}
