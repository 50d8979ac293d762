import { and, asc, eq, gt, isNull, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { NodePoolSpec } from "@/lib/domain/control-plane";
import { gpuUuid, HardwareFault, HealthEvent, type HealthEventPage, type HealthEventKind } from "@/lib/domain/telemetry";
import { STEP_MS, scaled } from "./config";
import type { SimContext } from "./context";
import { iso, transaction, wholeSecond } from "./db";
import { gpuIndexesOf, placementRule } from "./fleet";
import { release, reserve } from "./placement";
import { cpClusters, cpEndpoints, cpGpus, cpHealthEvents, cpHosts, cpNodeReplacements, cpPlacements } from "./schema";
import { clusterNodeNamer, endpointReplicaNamer } from "./views";

// Hardware faults and node replacement. A fault is detected on a GPU (XID 79 — fallen off the bus,
// a double-bit ECC error, or heat); the control plane cordons the host (no placement lands on it
// again), releases the node (metering stops: a broken node is not billed) and places a
// replacement on another free host of the same build — a different machine with different GPU
// serials — which joins after a boot. Every step is an event in the health feed, in order.
//
// Tests inject faults with injectFault(); a node pool labelled `sim.hinoki.cloud/inject-fault:
// xid79|ecc_dbe|thermal` gets one on its first ready node (once), so a journey can ask for one
// through the public API alone.

export const INJECT_FAULT_LABEL = "sim.hinoki.cloud/inject-fault";
const XID_OF: Record<HardwareFault, number | null> = { xid79: 79, ecc_dbe: 48, thermal: null };

type PlacementRow = typeof cpPlacements.$inferSelect;

async function nodeFacts(tx: DbOrTx, p: PlacementRow) {
  const [host] = await tx.select().from(cpHosts).where(eq(cpHosts.id, p.hostId));
  const indexes = new Set(gpuIndexesOf(p.slotMask, host.gpuCount, placementRule(p.shapeId).hostSlots));
  const gpus = (await tx.select().from(cpGpus).where(eq(cpGpus.hostId, p.hostId)))
    .filter((g) => indexes.has(g.gpuIndex))
    .sort((a, b) => a.gpuIndex - b.gpuIndex)
    .map((g) => ({ index: g.gpuIndex, uuid: gpuUuid(g.ueid), boardSerial: g.boardSerial }));
  let hostname = p.id.toLowerCase();
  if (p.resourceKind === "cluster") {
    const [c] = await tx.select().from(cpClusters).where(eq(cpClusters.id, p.resourceId));
    if (c) hostname = clusterNodeNamer(c)(p);
  } else {
    const [e] = await tx.select().from(cpEndpoints).where(eq(cpEndpoints.id, p.resourceId));
    if (e) hostname = endpointReplicaNamer(e)(p);
  }
  return { host, gpus, hostname };
}

async function record(tx: DbOrTx, p: PlacementRow, kind: HealthEventKind, atMs: number, fields: Partial<HealthEvent> & { hostname: string }): Promise<void> {
  const id = newId("healthEvent", atMs);
  const event: Omit<HealthEvent, "sequence"> = {
    id,
    tenantId: p.tenantId,
    resourceId: p.resourceId,
    resourceKind: p.resourceKind as "cluster" | "endpoint",
    kind,
    at: iso(atMs),
    nodeId: p.id,
    hostId: p.hostId,
    fault: null,
    gpu: null,
    xid: null,
    replacement: null,
    degradedSince: null,
    ...fields,
  };
  await tx.insert(cpHealthEvents).values({ id, resourceId: p.resourceId, poolId: p.poolId, hostId: p.hostId, kind, at: new Date(atMs), event });
}

/** Detects a fault on a node's GPU, cordons its host and starts the replacement. */
export async function injectFault(ctx: SimContext, nodeId: string, fault: HardwareFault, gpuIndex?: number): Promise<void> {
  const atMs = wholeSecond(ctx.clock.now());
  await transaction(ctx.db, async (tx) => {
    const [p] = await tx.select().from(cpPlacements).where(eq(cpPlacements.id, nodeId)).for("update");
    if (!p) throw notFound("node");
    if (p.state === "released") throw new AppError("conflict", "the node is already released");
    const { gpus, hostname } = await nodeFacts(tx, p);
    const gpu = gpus.find((g) => g.index === gpuIndex) ?? gpus[0] ?? null;
    const faultFields = { hostname, fault, gpu, xid: XID_OF[fault] };
    await record(tx, p, "fault_detected", atMs, faultFields);
    await tx.update(cpHosts).set({ state: "maintenance" }).where(eq(cpHosts.id, p.hostId));
    await record(tx, p, "node_cordoned", atMs, faultFields);
    await release(tx, [p.id], new Date(atMs));

    let replacement: Awaited<ReturnType<typeof reserve>>;
    try {
      replacement = await reserve(tx, {
        resourceId: p.resourceId,
        resourceKind: p.resourceKind as "cluster" | "endpoint",
        tenantId: p.tenantId,
        poolId: p.poolId,
        operationId: null,
        shapeId: p.shapeId,
        regionId: p.regionId,
        zoneId: p.zoneId,
        count: 1,
        topology: null,
        state: "booting",
        at: new Date(atMs),
      });
    } catch (error) {
      if (error instanceof AppError && error.code === "capacity_unavailable") {
        await record(tx, p, "replacement_unavailable", atMs, faultFields);
        return;
      }
      throw error;
    }
    const [fresh] = await tx.select().from(cpPlacements).where(eq(cpPlacements.id, replacement[0].id));
    const next = await nodeFacts(tx, fresh);
    const readyDueAt = atMs + scaled(STEP_MS.bootingNodes + STEP_MS.joiningNodes, ctx.config.timing);
    await tx.insert(cpNodeReplacements).values({ oldNodeId: p.id, newNodeId: fresh.id, resourceId: p.resourceId, faultAt: new Date(atMs), readyDueAt: new Date(readyDueAt) });
    await record(tx, p, "replacement_started", atMs, { ...faultFields, replacement: { nodeId: fresh.id, hostId: fresh.hostId, hostname: next.hostname, gpus: next.gpus } });
  });
  await completeReplacements(ctx, ctx.clock.now());
}

/** Replacement nodes whose boot is over join (and are metered from then on). */
export async function completeReplacements(ctx: SimContext, nowMs: number): Promise<void> {
  const due = await ctx.db
    .select()
    .from(cpNodeReplacements)
    .where(and(isNull(cpNodeReplacements.completedAt), lte(cpNodeReplacements.readyDueAt, new Date(nowMs))))
    .orderBy(asc(cpNodeReplacements.readyDueAt))
    .limit(100);
  for (const r of due) {
    await transaction(ctx.db, async (tx) => {
      const claimed = await tx
        .update(cpNodeReplacements)
        .set({ completedAt: r.readyDueAt })
        .where(and(eq(cpNodeReplacements.oldNodeId, r.oldNodeId), isNull(cpNodeReplacements.completedAt)))
        .returning({ id: cpNodeReplacements.oldNodeId });
      if (claimed.length === 0) return;
      const readyAt = new Date(wholeSecond(r.readyDueAt.getTime()));
      const [fresh] = await tx
        .update(cpPlacements)
        .set({ state: "ready", provisionedAt: readyAt })
        .where(and(eq(cpPlacements.id, r.newNodeId), eq(cpPlacements.state, "booting")))
        .returning();
      if (!fresh) return; // released meanwhile (the cluster was deleted or scaled down)
      const [old] = await tx.select().from(cpPlacements).where(eq(cpPlacements.id, r.oldNodeId));
      const before = await nodeFacts(tx, old);
      const next = await nodeFacts(tx, fresh);
      await record(tx, old, "node_replaced", readyAt.getTime(), {
        hostname: before.hostname,
        replacement: { nodeId: fresh.id, hostId: fresh.hostId, hostname: next.hostname, gpus: next.gpus },
        degradedSince: iso(r.faultAt),
      });
    });
  }
}

/** Pools labelled for a fault get one on their first ready node, once. */
export async function injectLabelledFaults(ctx: SimContext): Promise<void> {
  const rows = await ctx.db
    .select({ id: cpClusters.id, nodePools: cpClusters.nodePools })
    .from(cpClusters)
    .where(and(eq(cpClusters.status, "running"), sql`${cpClusters.nodePools}::text like ${`%${INJECT_FAULT_LABEL}%`}`));
  for (const cluster of rows) {
    for (const pool of cluster.nodePools as NodePoolSpec[]) {
      const parsed = HardwareFault.safeParse(pool.labels?.[INJECT_FAULT_LABEL]);
      if (!parsed.success) continue;
      const [already] = await ctx.db
        .select({ id: cpHealthEvents.id })
        .from(cpHealthEvents)
        .where(and(eq(cpHealthEvents.resourceId, cluster.id), eq(cpHealthEvents.poolId, pool.poolId)))
        .limit(1);
      if (already) continue;
      const [node] = await ctx.db
        .select({ id: cpPlacements.id })
        .from(cpPlacements)
        .where(and(eq(cpPlacements.resourceId, cluster.id), eq(cpPlacements.poolId, pool.poolId), eq(cpPlacements.state, "ready"), ne(cpPlacements.gpuCount, 0)))
        .orderBy(cpPlacements.id)
        .limit(1);
      if (node) await injectFault(ctx, node.id, parsed.data);
    }
  }
}

/** The health feed after `cursor` (a sequence), oldest first. */
export async function healthEventsSince(ctx: SimContext, cursor: string | null, limit: number): Promise<HealthEventPage> {
  const after = cursor && /^\d+$/.test(cursor) ? Number(cursor) : 0;
  const rows = await ctx.db
    .select()
    .from(cpHealthEvents)
    .where(gt(cpHealthEvents.sequence, after))
    .orderBy(asc(cpHealthEvents.sequence))
    .limit(Math.max(1, Math.min(1000, limit)));
  const events = rows.map((r) => HealthEvent.parse({ ...(r.event as object), sequence: r.sequence }));
  return { events, nextCursor: String(rows.at(-1)?.sequence ?? after) };
}
