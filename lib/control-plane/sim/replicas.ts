import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findModel } from "@/lib/domain/catalog/models";
import { autoscalingOf, type EndpointAutoscaling } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { explainingCapacity } from "./capacity";
import { coldStartMs, scaled, STEP_MS } from "./config";
import type { SimContext } from "./context";
import { rowsOf, transaction, wholeSecond } from "./db";
import { liveReplicas, lockEndpoint } from "./endpoints";
import { release, reserve } from "./placement";
import { recordScalingEvent } from "./scaling-events";
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
      const readyAt = await startReplicas(ctx, row, 1, coldStartMs(model.coldStartSeconds, ctx.config.timing), tx);
      await recordScalingEvent(tx, { endpointId: row.id, atMs: ctx.clock.now(), fromReplicas: 0, toReplicas: 1, cause: "request_at_zero" });
      return readyAt;
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

/** Replicas the load asks for, within the endpoint's bounds (never below one while it is in use). */
function wantedReplicas(row: { minReplicas: number; maxReplicas: number }, settings: EndpointAutoscaling, load: number): number {
  return Math.min(row.maxReplicas, Math.max(row.minReplicas, 1, Math.ceil(load / settings.target)));
}

/**
 * One autoscaler pass. It reads every serving endpoint and its replica count in one query, and
 * opens a transaction only for an endpoint that must change: embedded, the simulator shares
 * the console's one PGlite connection, so an idle tick must stay cheap.
 *
 * Per endpoint (its autoscaling settings): replicas are added once the load has stayed above
 * the target for the scale-up delay, removed once it has stayed below what fewer replicas carry
 * for the scale-down delay (never below the minimum, nor below one while requests come), and the
 * last one goes (minReplicas 0) after the idle period without a request. Each change is a
 * scaling event with the numbers it was decided on.
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
    const settings = autoscalingOf(endpoint.autoscaling);
    const sample = ctx.load.sample(endpoint.id, nowMs);
    const load = settings.metric === "concurrent_requests" ? sample.peakInFlight : sample.tokensPerSecond;
    const live = liveCount.get(endpoint.id) ?? 0;
    const lastActive = Math.max(endpoint.lastRequestAt?.getTime() ?? 0, ctx.usage.lastRequestAt(endpoint.id) ?? 0, endpoint.updatedAt.getTime());
    const idleUntil = lastActive + settings.scaleToZeroAfterSeconds * 1000;
    const toZero = endpoint.minReplicas === 0 && live > 0 && !ctx.load.busy(endpoint.id) && idleUntil <= nowMs;
    const wanted = toZero ? 0 : live === 0 ? 0 : wantedReplicas(endpoint, settings, load);
    if (wanted === live) {
      ctx.windows.reset(endpoint.id);
      continue;
    }
    const direction = wanted > live ? "up" : "down";
    const delaySeconds = direction === "up" ? settings.scaleUpDelaySeconds : settings.scaleDownDelaySeconds;
    const since = ctx.windows.hold(endpoint.id, direction, nowMs);
    if (!toZero && nowMs - since < delaySeconds * 1000) continue;
    const measured = { metric: settings.metric, observed: load, target: settings.target };
    try {
      await transaction(ctx.db, async (tx) => {
        const row = await lockEndpoint(tx, endpoint.id);
        if (row.status !== "running") return;
        const replicas = await liveReplicas(tx, row.id);
        if (direction === "up" && wanted > replicas.length) {
          const model = findModel(row.modelId)!;
          await startReplicas(ctx, row, wanted - replicas.length, scaled(STEP_MS.bootingReplicas, ctx.config.timing) + coldStartMs(model.coldStartSeconds, ctx.config.timing), tx);
          await recordScalingEvent(tx, { endpointId: row.id, atMs: nowMs, fromReplicas: replicas.length, toReplicas: wanted, cause: "load_above_target", ...measured, windowSeconds: delaySeconds });
        } else if (direction === "down" && replicas.length > Math.max(wanted, row.minReplicas)) {
          // Newest replicas first; held (metered) until the moment the condition was met.
          const keep = Math.max(wanted, row.minReplicas);
          const surplus = replicas.slice(0, replicas.length - keep);
          const latestStart = Math.max(...surplus.map((r) => r.provisionedAt?.getTime() ?? r.reservedAt.getTime()));
          const dueAt = toZero ? idleUntil : since + delaySeconds * 1000;
          await release(tx, surplus.map((r) => r.id), new Date(wholeSecond(Math.max(dueAt, latestStart))));
          await recordScalingEvent(tx, {
            endpointId: row.id,
            atMs: nowMs,
            fromReplicas: replicas.length,
            toReplicas: keep,
            ...(toZero ? { cause: "idle_to_zero", windowSeconds: settings.scaleToZeroAfterSeconds } : { cause: "load_below_target", ...measured, windowSeconds: delaySeconds }),
          });
        }
      });
      ctx.windows.reset(endpoint.id);
    } catch (error) {
      // Out of capacity for a scale-up: the endpoint keeps serving with what it has, and the
      // window stays open so the next tick tries again.
      if (!(error instanceof AppError && error.code === "capacity_unavailable")) throw error;
    }
  }
}
