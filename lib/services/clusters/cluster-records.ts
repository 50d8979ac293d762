import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { clusterNodePools, clusters } from "@/lib/db/schema";
import { CONTROL_PLANE_PRICE_JPY, findShape, findZone } from "@/lib/domain/catalog";
import type { NodePool, NodePoolInput } from "@/lib/domain/clusters";
import type { NodePoolSpecInput } from "@/lib/domain/control-plane";
import { notFound } from "@/lib/domain/errors";
import { yen } from "@/lib/domain/common";
import { releaseGpuReservations, setGpuReservation } from "../quotas/gpu-reservations";

// Rows of the console's cluster record, the arithmetic on them (GPUs, price per hour) and the
// GPU reservations kept in step with them. Shared by every cluster use case.

export type ClusterRow = typeof clusters.$inferSelect;
export type PoolRow = typeof clusterNodePools.$inferSelect;

/** A pool's shape of the order, whatever its origin (row, input, snapshot). */
export interface PoolShape {
  shapeId: string;
  count: number;
  status?: string;
  /** Drawn from this capacity reservation of the org (not on-demand). */
  reservationId?: string | null;
}

export const livePool = (p: PoolShape) => p.status !== "removed";

export function poolGpus(p: PoolShape): number {
  return (findShape(p.shapeId)?.gpuCount ?? 0) * p.count;
}

export function poolPricePerHour(p: PoolShape): number {
  return (findShape(p.shapeId)?.pricePerHourJpy ?? 0) * p.count;
}

export function clusterPricePerHour(controlPlane: string, pools: PoolShape[]): number {
  return CONTROL_PLANE_PRICE_JPY[controlPlane === "ha" ? "ha" : "single"] + pools.filter(livePool).reduce((s, p) => s + poolPricePerHour(p), 0);
}

/** GPUs per GPU model that these pools hold. */
export function gpusByModel(pools: PoolShape[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pools.filter(livePool)) {
    const model = findShape(p.shapeId)?.gpuModel;
    if (!model || p.count === 0) continue;
    out.set(model, (out.get(model) ?? 0) + poolGpus(p));
  }
  return out;
}

/**
 * GPUs per GPU model that count against the org's quota. Those drawn from a capacity reservation
 * do not: the reservation holds them and is billed for them whether used or not, so counting them
 * would let an org reserve machines its on-demand use then keeps it from launching.
 */
export function quotaGpusByModel(pools: PoolShape[]): Map<string, number> {
  return gpusByModel(pools.filter((p) => !p.reservationId));
}

export function summarise(controlPlane: string, pools: PoolShape[]) {
  const live = pools.filter(livePool);
  return {
    gpuCount: live.reduce((s, p) => s + poolGpus(p), 0),
    nodeCount: live.reduce((s, p) => s + p.count, 0),
    gpuModels: [...gpusByModel(live).keys()].sort(),
    pricePerHourJpy: clusterPricePerHour(controlPlane, live),
  };
}

/**
 * Writes the GPUs the cluster holds on demand into gpu_reservations (what quotas read). While a change is
 * in flight the larger of before and after is held: a scale-down keeps its GPUs until drained.
 */
export async function syncReservations(tx: DbOrTx, cluster: Pick<ClusterRow, "orgId" | "id" | "regionId">, pools: PoolShape[], previous?: PoolShape[]): Promise<void> {
  const now = quotaGpusByModel(pools);
  const before = previous ? quotaGpusByModel(previous) : new Map<string, number>();
  await releaseGpuReservations(tx, cluster.orgId, cluster.id);
  for (const model of new Set([...now.keys(), ...before.keys()])) {
    const gpus = Math.max(now.get(model) ?? 0, before.get(model) ?? 0);
    await setGpuReservation(tx, { orgId: cluster.orgId, resourceId: cluster.id, resourceKind: "cluster", regionId: cluster.regionId, gpuModel: model, gpus });
  }
}

/** Refreshes the list columns (GPUs, nodes, price) from the pools table. */
export async function refreshClusterSummary(tx: DbOrTx, cluster: Pick<ClusterRow, "orgId" | "id" | "controlPlane">): Promise<PoolRow[]> {
  const pools = await loadPools(tx, cluster.orgId, cluster.id);
  await tx
    .update(clusters)
    .set({ ...summarise(cluster.controlPlane, pools), updatedAt: new Date() })
    .where(and(eq(clusters.orgId, cluster.orgId), eq(clusters.id, cluster.id)));
  return pools;
}

/** A cluster by (org, id): another org's cluster is a 404 like one that never existed. */
export async function loadCluster(db: DbOrTx, orgId: string, clusterId: string, options: { forUpdate?: boolean } = {}): Promise<ClusterRow> {
  const query = db.select().from(clusters).where(and(eq(clusters.orgId, orgId), eq(clusters.id, clusterId))).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw notFound("cluster");
  return row;
}

export async function loadPools(db: DbOrTx, orgId: string, clusterId: string, options: { includeRemoved?: boolean } = {}): Promise<PoolRow[]> {
  return db
    .select()
    .from(clusterNodePools)
    .where(and(eq(clusterNodePools.orgId, orgId), eq(clusterNodePools.clusterId, clusterId), options.includeRemoved ? undefined : ne(clusterNodePools.status, "removed")))
    .orderBy(clusterNodePools.id);
}

export async function loadPool(db: DbOrTx, orgId: string, clusterId: string, poolId: string): Promise<PoolRow> {
  const [row] = await db
    .select()
    .from(clusterNodePools)
    .where(and(eq(clusterNodePools.orgId, orgId), eq(clusterNodePools.clusterId, clusterId), eq(clusterNodePools.id, poolId), ne(clusterNodePools.status, "removed")))
    .limit(1);
  if (!row) throw notFound("node pool");
  return row;
}

/** Serialises quota checks and launches per org (two launches cannot both take the last GPUs). */
export async function lockOrg(tx: DbOrTx, orgId: string): Promise<void> {
  await tx.execute(sql`select id from orgs where id = ${orgId} for update`);
}

/** What a pool row says about scaling and placement, as the API and the control plane spell it. */
function poolSettings(row: PoolRow): Pick<NodePool, "autoscaling" | "labels" | "taints" | "topology"> {
  return {
    autoscaling: row.autoscalingMin !== null && row.autoscalingMax !== null ? { min: row.autoscalingMin, max: row.autoscalingMax } : null,
    labels: row.labels,
    taints: row.taints,
    topology: row.topology === "rack" ? "rack" : null,
  };
}

export function toNodePool(row: PoolRow): NodePool {
  return {
    id: row.id,
    clusterId: row.clusterId,
    name: row.name,
    shapeId: row.shapeId,
    count: row.count,
    ...poolSettings(row),
    status: row.status as NodePool["status"],
    gpuCount: poolGpus(row),
    pricePerHour: yen(poolPricePerHour(row)),
    createdAt: row.createdAt.toISOString(),
  };
}

/** A pool the console is about to order: its row as the launch and the add-pool change insert it. */
export function newPoolRow(orgId: string, clusterId: string, poolId: string, pool: NodePoolInput, now: Date): typeof clusterNodePools.$inferInsert {
  return {
    id: poolId,
    orgId,
    clusterId,
    name: pool.name,
    shapeId: pool.shapeId,
    count: pool.count,
    autoscalingMin: pool.autoscaling?.min ?? null,
    autoscalingMax: pool.autoscaling?.max ?? null,
    labels: pool.labels,
    taints: pool.taints,
    topology: pool.topology,
    reservationId: pool.reservationId ?? null,
    status: "adding",
    createdAt: now,
    updatedAt: now,
  };
}

/** The control plane's spec of a pool (the console's pool id is the control plane's too). */
export function toPoolSpec(row: PoolRow): NodePoolSpecInput {
  return {
    poolId: row.id,
    name: row.name,
    shapeId: row.shapeId,
    count: row.count,
    ...poolSettings(row),
    ...(row.reservationId ? { reservationId: row.reservationId } : {}),
  };
}

export function regionOfZone(zoneId: string): string {
  const zone = findZone(zoneId);
  if (!zone) throw notFound("zone");
  return zone.regionId;
}
