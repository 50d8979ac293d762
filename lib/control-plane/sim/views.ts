import { and, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findModel } from "@/lib/domain/catalog/models";
import { autoscalingOf, type Cluster, type ClusterNetwork, type Endpoint, type NodePoolSpec, type ResourceNode, type ResourceStatus } from "@/lib/domain/control-plane";
import { coldStartMs, type SimTiming } from "./config";
import { iso, isoOrNull } from "./db";
import { gpuIndexesOf, placementRule } from "./fleet";
import { cpClusters, cpEndpoints, cpGpus, cpHosts, cpPlacements } from "./schema";

// Rows → the domain shapes of lib/domain/control-plane.ts. Nothing outside the simulator sees a
// row; this is the one place that knows both.

type PlacementRow = typeof cpPlacements.$inferSelect;
export type ClusterRow = typeof cpClusters.$inferSelect;
export type EndpointRow = typeof cpEndpoints.$inferSelect;

const NODE_STATUS: Record<string, ResourceNode["status"]> = {
  reserved: "provisioning",
  booting: "provisioning",
  ready: "ready",
  draining: "draining",
};

/** The live nodes (not released) of the given resources, with their hosts and GPUs. */
export async function loadNodes(db: DbOrTx, resourceIds: readonly string[], names: Map<string, (p: PlacementRow) => string>): Promise<Map<string, ResourceNode[]>> {
  const out = new Map<string, ResourceNode[]>(resourceIds.map((id) => [id, []]));
  if (resourceIds.length === 0) return out;
  const placements = await db
    .select()
    .from(cpPlacements)
    .where(and(inArray(cpPlacements.resourceId, [...resourceIds]), ne(cpPlacements.state, "released")))
    .orderBy(cpPlacements.id);
  if (placements.length === 0) return out;

  const hostIds = [...new Set(placements.map((p) => p.hostId))];
  const hosts = new Map((await db.select().from(cpHosts).where(inArray(cpHosts.id, hostIds))).map((h) => [h.id, h]));
  const gpusByHost = new Map<string, (typeof cpGpus.$inferSelect)[]>();
  for (const gpu of await db.select().from(cpGpus).where(inArray(cpGpus.hostId, hostIds))) {
    gpusByHost.set(gpu.hostId, [...(gpusByHost.get(gpu.hostId) ?? []), gpu]);
  }

  for (const p of placements) {
    const host = hosts.get(p.hostId)!;
    const indexes = new Set(gpuIndexesOf(p.slotMask, host.gpuCount, placementRule(p.shapeId).hostSlots));
    const gpus = (gpusByHost.get(p.hostId) ?? [])
      .filter((g) => indexes.has(g.gpuIndex))
      .sort((a, b) => a.gpuIndex - b.gpuIndex)
      .map((g) => ({ index: g.gpuIndex, model: g.model, ueid: g.ueid, boardSerial: g.boardSerial, vbios: g.vbios, driver: g.driver, ccMode: g.ccMode as "on" | "off" }));
    out.get(p.resourceId)!.push({
      nodeId: p.id,
      poolId: p.poolId,
      shapeId: p.shapeId,
      zoneId: p.zoneId,
      hostId: p.hostId,
      rackId: host.rackId,
      hostname: names.get(p.resourceId)?.(p) ?? p.id.toLowerCase(),
      status: NODE_STATUS[p.state] ?? "provisioning",
      provisionedAt: isoOrNull(p.provisionedAt),
      gpus,
    });
  }
  return out;
}

/** A node's host name, as `kubectl get nodes` would show it. */
const suffix = (p: PlacementRow) => p.id.slice(-6).toLowerCase();

export function clusterNodeNamer(row: ClusterRow): (p: PlacementRow) => string {
  const pools = new Map((row.nodePools as NodePoolSpec[]).map((pool) => [pool.poolId, pool.name]));
  return (p) => `${row.name}-${pools.get(p.poolId ?? "") ?? "pool"}-${suffix(p)}`;
}

export function endpointReplicaNamer(row: EndpointRow): (p: PlacementRow) => string {
  return (p) => `${row.name}-replica-${suffix(p)}`;
}

/** jsonb keeps keys in its own order: give pools back in the schema's order. */
function inSchemaOrder(pool: NodePoolSpec): NodePoolSpec {
  const { poolId, name, shapeId, count, autoscaling, labels, taints, topology, reservationId } = pool;
  return { poolId, name, shapeId, count, autoscaling, labels, taints, topology, ...(reservationId ? { reservationId } : {}) };
}

export function toCluster(row: ClusterRow, nodes: ResourceNode[]): Cluster {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    regionId: row.regionId,
    zoneId: row.zoneId,
    kubernetesVersion: row.kubernetesVersion,
    controlPlane: row.controlPlaneTier as "single" | "ha",
    nodePools: (row.nodePools as NodePoolSpec[]).map(inSchemaOrder),
    network: row.network as ClusterNetwork,
    status: row.status as ResourceStatus,
    failureReason: row.failureReason,
    apiServerUrl: row.apiServerUrl,
    nodes,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: isoOrNull(row.deletedAt),
  };
}

export function toEndpoint(row: EndpointRow, nodes: ResourceNode[], timing: SimTiming): Endpoint {
  const model = findModel(row.modelId);
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    modelId: row.modelId,
    shapeId: row.shapeId,
    regionId: row.regionId,
    zoneId: row.zoneId,
    minReplicas: row.minReplicas,
    maxReplicas: row.maxReplicas,
    autoscaling: autoscalingOf(row.autoscaling),
    status: row.status as ResourceStatus,
    failureReason: row.failureReason,
    replicas: { current: nodes.filter((n) => n.status !== "draining").length, ready: nodes.filter((n) => n.status === "ready").length },
    coldStartSeconds: coldStartMs(model?.coldStartSeconds ?? 0, timing) / 1000,
    simulated: true,
    nodes,
    lastRequestAt: isoOrNull(row.lastRequestAt),
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    deletedAt: isoOrNull(row.deletedAt),
  };
}
