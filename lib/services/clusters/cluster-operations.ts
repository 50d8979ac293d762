import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { clusterNodePools, clusters } from "@/lib/db/schema";
import { systemPrincipal } from "@/lib/auth/principal";
import type { ClusterChangeInput, ClusterSpecInput } from "@/lib/domain/control-plane";
import { recordAudit } from "../audit/record";
import { defineOperationAdapter, type OperationRow, type Outcome } from "../operations/adapter";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { loadPools, refreshClusterSummary, syncReservations, type PoolRow } from "./cluster-records";
import { returnClusterToQueue, startQueuedCluster } from "./cluster-queue";

// The clusters' adapter for the operations engine (lib/services/operations): what a cluster
// operation sends to the control plane, and what its outcome does to the order — status, pools,
// GPU reservations, and the audit entry of a failure.

export interface PoolSnapshot {
  id: string;
  count: number;
  autoscalingMin: number | null;
  autoscalingMax: number | null;
  status: string;
}

export type ClusterSubmission =
  | { type: "create"; spec: ClusterSpecInput }
  | { type: "update"; change: ClusterChangeInput; previousPools: PoolSnapshot[]; targetVersion?: string }
  | { type: "delete" };

export const snapshotPools = (pools: PoolRow[]): PoolSnapshot[] =>
  pools.map((p) => ({ id: p.id, count: p.count, autoscalingMin: p.autoscalingMin, autoscalingMax: p.autoscalingMax, status: p.status }));

type Observed = { apiServerUrl: string; status: string };

export const clusterOperations = defineOperationAdapter<Observed>({
  targetKind: "cluster",
  readPermission: "clusters.read",

  submit(cp, row) {
    const submission = row.submission as unknown as ClusterSubmission;
    switch (submission.type) {
      case "create":
        return cp.createCluster(submission.spec, row.id);
      case "update":
        return cp.updateCluster(row.targetId, submission.change, row.id);
      case "delete":
        return cp.deleteCluster(row.targetId, row.id);
    }
  },

  async observe(cp, row, status) {
    return status === "running" ? null : cp.getCluster(row.targetId);
  },

  async accepted(tx, row, now) {
    if (row.kind === "cluster.create") await tx.update(clusters).set({ submitted: 1, updatedAt: now }).where(eq(clusters.id, row.targetId));
  },

  applyOutcome: applyClusterOutcome,

  writePermission: "clusters.write",
  startQueued: startQueuedCluster,
  returnToQueue: returnClusterToQueue,
});

async function applyClusterOutcome(tx: DbOrTx, op: OperationRow, outcome: Outcome<Observed>, now: Date): Promise<void> {
  const { status, error, observed: remote } = outcome;
  if (status === "running") return;
  const [cluster] = await tx.select().from(clusters).where(and(eq(clusters.orgId, op.orgId), eq(clusters.id, op.targetId))).for("update");
  if (!cluster) return;
  const submission = op.submission as unknown as ClusterSubmission;
  const system = systemPrincipal();

  if (submission.type === "create") {
    if (op.status === "cancelled") {
      // Withdrawn while it waited for capacity: the order goes, and its name is free again.
      await tx.update(clusters).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(eq(clusters.id, cluster.id));
      await tx.update(clusterNodePools).set({ status: "removed", updatedAt: now }).where(eq(clusterNodePools.clusterId, cluster.id));
      await releaseGpuReservations(tx, cluster.orgId, cluster.id);
      return;
    }
    if (status === "succeeded") {
      const apiServerUrl = remote?.apiServerUrl ?? cluster.apiServerUrl;
      await tx.update(clusters).set({ status: "running", apiServerUrl, submitted: 1, updatedAt: now }).where(eq(clusters.id, cluster.id));
      await tx.update(clusterNodePools).set({ status: "active", updatedAt: now }).where(and(eq(clusterNodePools.clusterId, cluster.id), eq(clusterNodePools.status, "adding")));
      return;
    }
    // Failed: nothing stays held, and the customer is told what was given back.
    // A launch that never left the capacity queue held nothing, so nothing was given back.
    const released = cluster.status === "queued" ? null : { nodes: cluster.nodeCount, gpus: cluster.gpuCount, at: now.toISOString() };
    await tx.update(clusters).set({ status: "failed", failureReason: error?.message ?? "provisioning failed", released, updatedAt: now }).where(eq(clusters.id, cluster.id));
    await releaseGpuReservations(tx, cluster.orgId, cluster.id);
    await recordAudit(tx, system, cluster.orgId, { action: "cluster.failed", targetType: "cluster", targetId: cluster.id, data: { name: cluster.name, operationId: op.id, error, released } });
    return;
  }

  if (submission.type === "delete") {
    if (status === "succeeded") {
      await tx.update(clusters).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(eq(clusters.id, cluster.id));
      await tx.update(clusterNodePools).set({ status: "removed", updatedAt: now }).where(eq(clusterNodePools.clusterId, cluster.id));
      await releaseGpuReservations(tx, cluster.orgId, cluster.id);
      return;
    }
    const remoteStatus = remote?.status ?? null;
    await tx.update(clusters).set({ status: remoteStatus && remoteStatus !== "deleting" ? remoteStatus : cluster.failureReason ? "failed" : "running", updatedAt: now }).where(eq(clusters.id, cluster.id));
    return;
  }

  // An update (scale, add or remove a pool, upgrade).
  if (status === "succeeded") {
    await tx.update(clusterNodePools).set({ status: "removed", updatedAt: now }).where(and(eq(clusterNodePools.clusterId, cluster.id), eq(clusterNodePools.status, "removing")));
    await tx.update(clusterNodePools).set({ status: "active", updatedAt: now }).where(and(eq(clusterNodePools.clusterId, cluster.id), eq(clusterNodePools.status, "adding")));
    await tx
      .update(clusters)
      .set({ status: "running", kubernetesVersion: submission.targetVersion ?? cluster.kubernetesVersion, updatedAt: now })
      .where(eq(clusters.id, cluster.id));
  } else {
    // The control plane keeps the cluster as it was; so does the order.
    const previous = new Map(submission.previousPools.map((p) => [p.id, p]));
    for (const pool of await loadPools(tx, cluster.orgId, cluster.id, { includeRemoved: true })) {
      const before = previous.get(pool.id);
      await tx
        .update(clusterNodePools)
        .set(before ? { count: before.count, autoscalingMin: before.autoscalingMin, autoscalingMax: before.autoscalingMax, status: before.status, updatedAt: now } : { status: "removed", updatedAt: now })
        .where(eq(clusterNodePools.id, pool.id));
    }
    await tx.update(clusters).set({ status: "running", updatedAt: now }).where(eq(clusters.id, cluster.id));
    if (op.status !== "cancelled") await recordAudit(tx, system, cluster.orgId, { action: "cluster.operation_failed", targetType: "cluster", targetId: cluster.id, data: { kind: op.kind, operationId: op.id, error } });
  }
  const pools = await refreshClusterSummary(tx, cluster);
  await syncReservations(tx, cluster, pools);
}
