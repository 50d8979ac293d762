import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { nextMinor } from "@/lib/domain/catalog/kubernetes";
import { OPERATOR } from "@/lib/domain/catalog/operator";
import { findZone } from "@/lib/domain/catalog/regions";
import { NVL72_TRAYS_PER_RACK } from "@/lib/domain/catalog/shapes";
import {
  ClusterChange,
  ClusterSpec,
  IssueClusterCredentialsInput,
  NodePoolSpec,
  type Cluster,
  type ClusterChangeInput,
  type ClusterCredentials,
  type ClusterSpecInput,
} from "@/lib/domain/control-plane";
import { AppError, notFound } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { parseInput } from "../validation";
import { explainingCapacity } from "./capacity";
import type { SimContext } from "./context";
import { iso } from "./db";
import type { ClusterUpdatePayload } from "./engine";
import { shouldFail } from "./failures";
import { requestHash, runIdempotent } from "./idempotency";
import { reserve, type PlacementRequest } from "./placement";
import { cpClusterCredentials, cpClusters, cpHosts, cpOperations, cpPlacements } from "./schema";
import { bootStepIndex, planClusterCreate, planClusterDelete, planClusterUpdate, startSteps } from "./steps";
import { clusterNodeNamer, loadNodes, toCluster, type ClusterRow } from "./views";
import { createCertificateAuthority } from "./x509";

// Kubernetes clusters: create, change, delete, read, and credentials.

const conflict = (message: string) => new AppError("conflict", message);

async function reservePool(tx: DbOrTx, request: PlacementRequest): Promise<string[]> {
  return (await reserve(tx, request)).map((p) => p.id);
}

async function lockCluster(tx: DbOrTx, clusterId: string): Promise<ClusterRow> {
  const [row] = await tx.select().from(cpClusters).where(eq(cpClusters.id, clusterId)).for("update");
  if (!row) throw notFound("cluster");
  return row;
}

export async function createCluster(ctx: SimContext, input: ClusterSpecInput, key: string): Promise<string> {
  const spec = parseInput(ClusterSpec, input);
  const zone = findZone(spec.zoneId)!;
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);
  const ca = createCertificateAuthority({ clusterId: spec.clusterId, organization: OPERATOR.legalNameEn }, nowMs);
  const nodes = spec.nodePools.reduce((n, p) => n + p.count, 0);

  return explainingCapacity(ctx, () => runIdempotent(
    ctx,
    key,
    requestHash("cluster.create", spec.clusterId, spec),
    async (tx, operationId) => {
      const [existing] = await tx.select({ id: cpClusters.id }).from(cpClusters).where(eq(cpClusters.id, spec.clusterId));
      if (existing) throw conflict(`cluster ${spec.clusterId} already exists`);
      await tx.insert(cpClusters).values({
        id: spec.clusterId,
        tenantId: spec.tenantId,
        name: spec.name,
        regionId: zone.regionId,
        zoneId: zone.id,
        kubernetesVersion: spec.kubernetesVersion,
        controlPlaneTier: spec.controlPlane,
        nodePools: spec.nodePools,
        network: spec.network,
        status: "provisioning",
        apiServerUrl: `https://${spec.clusterId.toLowerCase().replace(/_/g, "-")}.k8s.${zone.id}.hinoki.cloud:6443`,
        caCertificatePem: ca.certificatePem,
        caPrivateKeyPem: ca.privateKeyPem,
        createdAt: now,
        updatedAt: now,
      });
      for (const pool of spec.nodePools) {
        await reservePool(tx, {
          resourceId: spec.clusterId,
          resourceKind: "cluster",
          tenantId: spec.tenantId,
          poolId: pool.poolId,
          operationId,
          shapeId: pool.shapeId,
          regionId: zone.regionId,
          zoneId: zone.id,
          count: pool.count,
          topology: pool.topology,
          reservationId: pool.reservationId ?? null,
          state: "reserved",
          at: now,
        });
      }
      const steps = planClusterCreate(ctx.config.timing, { nodes, tier: spec.controlPlane });
      const { currentStep, dueAt } = startSteps(steps, nowMs);
      await tx.insert(cpOperations).values({
        id: operationId,
        tenantId: spec.tenantId,
        kind: "cluster.create",
        targetKind: "cluster",
        targetId: spec.clusterId,
        status: "running",
        steps,
        currentStep,
        stepStartedAt: now,
        dueAt,
        failAtStep: shouldFail(ctx.config.failures, { id: spec.clusterId, name: spec.name }, operationId) ? bootStepIndex(steps) : null,
        startedAt: now,
      });
    },
    () => conflict(`cluster ${spec.clusterId} already exists`),
  ));
}

interface PoolNode {
  id: string;
  rackId: string | null;
}

/** A pool's live nodes, newest first (scale-down removes the newest). */
async function poolNodes(tx: DbOrTx, clusterId: string, poolId: string): Promise<PoolNode[]> {
  return tx
    .select({ id: cpPlacements.id, rackId: cpHosts.rackId })
    .from(cpPlacements)
    .innerJoin(cpHosts, eq(cpHosts.id, cpPlacements.hostId))
    .where(and(eq(cpPlacements.resourceId, clusterId), eq(cpPlacements.poolId, poolId), inArray(cpPlacements.state, ["reserved", "booting", "ready"])))
    .orderBy(desc(cpPlacements.id));
}

/** Which nodes to drain to remove `remove` of them; a rack pool gives back whole racks. */
function nodesToDrain(nodes: PoolNode[], remove: number, rackTopology: boolean): string[] {
  if (!rackTopology) return nodes.slice(0, remove).map((n) => n.id);
  const racks = [...new Set(nodes.map((n) => n.rackId))].sort().reverse();
  const drop = new Set(racks.slice(0, remove / NVL72_TRAYS_PER_RACK));
  return nodes.filter((n) => drop.has(n.rackId)).map((n) => n.id);
}

export async function updateCluster(ctx: SimContext, clusterId: string, input: ClusterChangeInput, key: string): Promise<string> {
  const change = parseInput(ClusterChange, input);
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);

  return explainingCapacity(ctx, () => runIdempotent(
    ctx,
    key,
    requestHash("cluster.update", clusterId, change),
    async (tx, operationId) => {
      const row = await lockCluster(tx, clusterId);
      if (row.status !== "running") throw conflict(`cluster is ${row.status}; changes wait until it is running`);
      const pools = row.nodePools as NodePoolSpec[];

      let targetVersion: string | undefined;
      if (change.kubernetesVersion && change.kubernetesVersion !== row.kubernetesVersion) {
        const next = nextMinor(row.kubernetesVersion);
        if (change.kubernetesVersion !== next) {
          throw new AppError("business_rule", `Kubernetes upgrades go one minor version at a time: ${row.kubernetesVersion} → ${next ?? "(newest already)"}`, {
            current: row.kubernetesVersion,
            allowed: next ?? null,
          });
        }
        targetVersion = next;
      }

      const removed = new Set(change.removeNodePoolIds ?? []);
      for (const id of removed) if (!pools.some((p) => p.poolId === id)) throw notFound(`node pool ${id}`);
      for (const add of change.addNodePools ?? []) {
        if (pools.some((p) => p.poolId === add.poolId || p.name === add.name)) throw conflict(`node pool ${add.name} already exists`);
      }
      const nextPools: NodePoolSpec[] = [];
      const scaleUps: { pool: NodePoolSpec; add: number }[] = [];
      const draining: string[] = [];
      for (const pool of pools) {
        if (removed.has(pool.poolId)) {
          draining.push(...(await poolNodes(tx, clusterId, pool.poolId)).map((n) => n.id));
          continue;
        }
        const scale = change.scaleNodePools?.find((s) => s.poolId === pool.poolId);
        if (!scale) {
          nextPools.push(pool);
          continue;
        }
        const scaled = parseInput(NodePoolSpec, { ...pool, count: scale.count, autoscaling: scale.autoscaling === undefined ? pool.autoscaling : scale.autoscaling });
        nextPools.push(scaled);
        const live = await poolNodes(tx, clusterId, pool.poolId);
        if (scaled.count > live.length) scaleUps.push({ pool: scaled, add: scaled.count - live.length });
        if (scaled.count < live.length) draining.push(...nodesToDrain(live, live.length - scaled.count, pool.topology === "rack"));
      }
      for (const scale of change.scaleNodePools ?? []) {
        if (!pools.some((p) => p.poolId === scale.poolId)) throw notFound(`node pool ${scale.poolId}`);
        if (removed.has(scale.poolId)) throw new AppError("validation_failed", `node pool ${scale.poolId} is both scaled and removed`);
      }
      for (const add of change.addNodePools ?? []) {
        nextPools.push(add);
        scaleUps.push({ pool: add, add: add.count });
      }
      if (nextPools.length === 0) throw new AppError("business_rule", "a cluster keeps at least one node pool");

      let added = 0;
      for (const { pool, add } of scaleUps) {
        const ids = await reservePool(tx, {
          resourceId: clusterId,
          resourceKind: "cluster",
          tenantId: row.tenantId,
          poolId: pool.poolId,
          operationId,
          shapeId: pool.shapeId,
          regionId: row.regionId,
          zoneId: row.zoneId,
          count: add,
          topology: pool.topology,
          reservationId: pool.reservationId ?? null,
          state: "reserved",
          at: now,
        });
        added += ids.length;
      }
      if (draining.length) {
        await tx.update(cpPlacements).set({ state: "draining" }).where(inArray(cpPlacements.id, draining));
      }
      await tx.update(cpClusters).set({ status: "updating", nodePools: nextPools, updatedAt: now }).where(eq(cpClusters.id, clusterId));

      const steps = planClusterUpdate(ctx.config.timing, { addedNodes: added, upgrade: targetVersion !== undefined, removedNodes: draining.length });
      const { currentStep, dueAt } = startSteps(steps, nowMs);
      const payload: ClusterUpdatePayload = { previousNodePools: pools, targetVersion, drainingPlacementIds: draining };
      await tx.insert(cpOperations).values({
        id: operationId,
        tenantId: row.tenantId,
        kind: "cluster.update",
        targetKind: "cluster",
        targetId: clusterId,
        status: "running",
        steps,
        currentStep,
        stepStartedAt: now,
        dueAt,
        payload,
        failAtStep: added > 0 && shouldFail(ctx.config.failures, { id: clusterId, name: row.name }, operationId) ? bootStepIndex(steps) : null,
        startedAt: now,
      });
    },
    () => conflict("conflicting update"),
  ));
}

export async function deleteCluster(ctx: SimContext, clusterId: string, key: string): Promise<string> {
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);
  return runIdempotent(
    ctx,
    key,
    requestHash("cluster.delete", clusterId, {}),
    async (tx, operationId) => {
      const row = await lockCluster(tx, clusterId);
      if (row.status !== "running" && row.status !== "failed") throw conflict(`cluster is ${row.status}`);
      const drained = await tx
        .update(cpPlacements)
        .set({ state: "draining" })
        .where(and(eq(cpPlacements.resourceId, clusterId), ne(cpPlacements.state, "released")))
        .returning({ id: cpPlacements.id });
      await tx.update(cpClusters).set({ status: "deleting", updatedAt: now }).where(eq(cpClusters.id, clusterId));
      const steps = planClusterDelete(ctx.config.timing, { nodes: drained.length });
      const { currentStep, dueAt } = startSteps(steps, nowMs);
      await tx.insert(cpOperations).values({
        id: operationId,
        tenantId: row.tenantId,
        kind: "cluster.delete",
        targetKind: "cluster",
        targetId: clusterId,
        status: "running",
        steps,
        currentStep,
        stepStartedAt: now,
        dueAt,
        startedAt: now,
      });
    },
    () => conflict("conflicting delete"),
  );
}

export async function readClusters(ctx: SimContext, rows: ClusterRow[]): Promise<Cluster[]> {
  const nodes = await loadNodes(ctx.db, rows.map((r) => r.id), new Map(rows.map((r) => [r.id, clusterNodeNamer(r)])));
  return rows.map((r) => toCluster(r, nodes.get(r.id) ?? []));
}

export async function getCluster(ctx: SimContext, clusterId: string): Promise<Cluster> {
  const [row] = await ctx.db.select().from(cpClusters).where(eq(cpClusters.id, clusterId));
  if (!row) throw notFound("cluster");
  return (await readClusters(ctx, [row]))[0];
}

export async function listClusters(ctx: SimContext, tenantId: string): Promise<Cluster[]> {
  const rows = await ctx.db.select().from(cpClusters).where(eq(cpClusters.tenantId, tenantId)).orderBy(desc(cpClusters.createdAt), desc(cpClusters.id));
  return readClusters(ctx, rows);
}

export async function issueClusterCredentials(ctx: SimContext, clusterId: string, ttlSeconds: number): Promise<ClusterCredentials> {
  const { ttlSeconds: ttl } = parseInput(IssueClusterCredentialsInput, { ttlSeconds });
  const [row] = await ctx.db.select().from(cpClusters).where(eq(cpClusters.id, clusterId));
  if (!row) throw notFound("cluster");
  if (row.status !== "running" && row.status !== "updating") throw conflict(`cluster is ${row.status}; credentials are issued for a running cluster`);
  const issuedAt = ctx.clock.now();
  const expiresAt = issuedAt + ttl * 1000;
  const token = `hnk_k8s_${randomBytes(32).toString("base64url")}`;
  await ctx.db.insert(cpClusterCredentials).values({
    id: newId("apiToken", issuedAt),
    clusterId,
    tokenSha256: createHash("sha256").update(token).digest("hex"),
    issuedAt: new Date(issuedAt),
    expiresAt: new Date(expiresAt),
  });
  return {
    clusterId,
    clusterName: row.name,
    apiServerUrl: row.apiServerUrl,
    certificateAuthorityPem: row.caCertificatePem,
    token,
    user: `${row.name}-admin`,
    issuedAt: iso(issuedAt),
    expiresAt: iso(expiresAt),
  };
}
