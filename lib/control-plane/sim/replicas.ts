import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findModel } from "@/lib/domain/catalog/models";
import type { EndpointAutoscaling } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { explainingCapacity } from "./capacity";
import { coldStartMs, scaled, STEP_MS } from "./config";
import type { SimContext } from "./context";
import { rowsOf, transaction, wholeSecond } from "./db";
import { liveReplicas, lockEndpoint } from "./endpoints";
import { release, reserve } from "./placement";
import { cpEndpoints, cpPlacements } from "./schema";
import type { EndpointRow } from "./views";

// Endpoint replicas outside operations: the cold start of a scaled-to-zero endpoint, the
// autoscaler adding replicas under load, and idle replicas going back down to the minimum.

const SERVING = ["running", "updating"];

/** Starts `count` replicas that serve after a cold start; they are held (metered) from now. */
async function startReplicas(ctx: SimContext, row: EndpointRow, count: number, readyInMs: number, tx: DbOrTx) {
  const nowMs = ctx.clock.now();
  await reserve(tx, {
    resourceId: row.id,
    resourceKind: "endpoint",
    tenantId: row.tenantId,
    poolId: null,
    operationId: null,
    shapeId: row.shapeId,
    regionId: row.regionId,
    zoneId: row.zoneId,
    count,
    topology: null,
    state: "booting",
    at: new Date(nowMs),
    provisionedAt: new Date(wholeSecond(nowMs)),
    readyDueAt: new Date(nowMs + readyInMs),
  });
  return nowMs + readyInMs;
}

/**
 * Makes sure a replica will serve the request: returns at once if one is ready, waits for one
 * that is starting, or starts one (a cold start) if the endpoint is scaled to zero.
 */
export async function awaitServingReplica(ctx: SimContext, endpointId: string): Promise<void> {
  const readyAt = await explainingCapacity(ctx, () =>
    transaction(ctx.db, async (tx) => {
      const row = await lockEndpoint(tx, endpointId);
      if (!SERVING.includes(row.status)) throw new AppError("conflict", `endpoint is ${row.status}`);
      const live = await liveReplicas(tx, endpointId);
      if (live.some((r) => r.state === "ready")) return null;
      const starting = live.filter((r) => r.readyDueAt).map((r) => r.readyDueAt!.getTime());
      if (starting.length) return Math.min(...starting);
      if (live.length >= row.maxReplicas) throw new AppError("conflict", "the endpoint's replicas are still starting; retry shortly");
      const model = findModel(row.modelId)!;
      return startReplicas(ctx, row, 1, coldStartMs(model.coldStartSeconds, ctx.config.timing), tx);
    }),
  );
  if (readyAt === null) return;
  await ctx.clock.sleepUntil(readyAt);
  await promoteReplicas(ctx, Math.max(readyAt, ctx.clock.now()));
}

/** Replicas whose cold start is over begin to serve. */
export async function promoteReplicas(ctx: SimContext, nowMs: number): Promise<void> {
  await ctx.db
    .update(cpPlacements)
    .set({ state: "ready" })
    .where(and(eq(cpPlacements.resourceKind, "endpoint"), eq(cpPlacements.state, "booting"), lte(cpPlacements.readyDueAt, new Date(nowMs))));
}

function desiredReplicas(autoscaling: EndpointAutoscaling, sample: { peakInFlight: number; tokensPerSecond: number }): number {
  const load = autoscaling.metric === "concurrent_requests" ? sample.peakInFlight : sample.tokensPerSecond;
  return Math.ceil(load / autoscaling.target);
}

/**
 * One autoscaler pass. It reads every serving endpoint and its replica count in one query, and
 * opens a transaction only for an endpoint that must change: embedded, the simulator shares
 * the console's one PGlite connection, so an idle tick must stay cheap.
 */
export async function autoscale(ctx: SimContext, nowMs: number): Promise<void> {
  const endpoints = rowsOf<{ id: string; live: number }>(
    await ctx.db.execute(sql`
      select e.id, count(p.id)::int as live
      from cp_endpoints e
      left join cp_placements p on p.resource_id = e.id and p.state in ('reserved', 'booting', 'ready')
      where e.status = 'running'
      group by e.id`),
  );
  const rows = endpoints.length ? await ctx.db.select().from(cpEndpoints).where(inArray(cpEndpoints.id, endpoints.map((e) => e.id))) : [];
  const liveCount = new Map(endpoints.map((e) => [e.id, e.live]));

  for (const endpoint of rows) {
    const sample = ctx.load.sample(endpoint.id, nowMs);
    const live = liveCount.get(endpoint.id) ?? 0;
    const desired = Math.min(endpoint.maxReplicas, desiredReplicas(endpoint.autoscaling as EndpointAutoscaling, sample));
    const lastActive = Math.max(endpoint.lastRequestAt?.getTime() ?? 0, ctx.usage.lastRequestAt(endpoint.id) ?? 0, endpoint.updatedAt.getTime());
    const idleUntil = lastActive + ctx.config.timing.scaleDownIdleMs;
    const scaleUp = desired > live;
    const scaleDown = !scaleUp && live > endpoint.minReplicas && !ctx.load.busy(endpoint.id) && idleUntil <= nowMs;
    if (!scaleUp && !scaleDown) continue;
    try {
      await transaction(ctx.db, async (tx) => {
        const row = await lockEndpoint(tx, endpoint.id);
        if (row.status !== "running") return;
        const replicas = await liveReplicas(tx, row.id);
        if (scaleUp && desired > replicas.length) {
          const model = findModel(row.modelId)!;
          await startReplicas(ctx, row, desired - replicas.length, scaled(STEP_MS.bootingReplicas, ctx.config.timing) + coldStartMs(model.coldStartSeconds, ctx.config.timing), tx);
        } else if (scaleDown && replicas.length > row.minReplicas) {
          // Idle long enough, nothing in flight: back down to the minimum, newest replicas first.
          const surplus = replicas.slice(0, replicas.length - row.minReplicas);
          const latestStart = Math.max(...surplus.map((r) => r.provisionedAt?.getTime() ?? r.reservedAt.getTime()));
          await release(tx, surplus.map((r) => r.id), new Date(wholeSecond(Math.max(idleUntil, latestStart))));
        }
      });
    } catch (error) {
      // Out of capacity for a scale-up: the endpoint keeps serving with what it has.
      if (!(error instanceof AppError && error.code === "capacity_unavailable")) throw error;
    }
  }
}
