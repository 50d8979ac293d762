import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { clusters } from "@/lib/db/schema";
import { systemPrincipal } from "@/lib/auth/principal";
import { findShape } from "@/lib/domain/catalog";
import { recordAudit } from "../audit/record";
import type { OperationRow } from "../operations/adapter";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { assertResidencyAllowed } from "../residency/residency-policy";
import type { ClusterSubmission } from "./cluster-operations";
import { loadPools, quotaGpusByModel, lockOrg, syncReservations } from "./cluster-records";

// What a queued cluster launch or scale-up (空き待ち) does when the queue starts it: the same checks
// as when it was ordered — the residency policy and the GPU quota, either may have changed while it
// waited — and then it takes the GPUs a started order holds. Nothing is held while it waits.

async function lockedCluster(tx: DbOrTx, op: OperationRow) {
  const [cluster] = await tx.select().from(clusters).where(and(eq(clusters.orgId, op.orgId), eq(clusters.id, op.targetId))).for("update");
  return cluster;
}

export async function startQueuedCluster(tx: DbOrTx, op: OperationRow, now: Date): Promise<void> {
  const cluster = await lockedCluster(tx, op);
  if (!cluster) return;
  const submission = op.submission as unknown as ClusterSubmission;
  await assertResidencyAllowed(tx, cluster.orgId, cluster.regionId, "zoneId");
  await lockOrg(tx, cluster.orgId);
  const pools = await loadPools(tx, cluster.orgId, cluster.id);
  const previous = await previousShapes(tx, op);
  const before = quotaGpusByModel(previous);
  for (const [gpuModel, gpus] of quotaGpusByModel(pools)) {
    if (gpus <= (before.get(gpuModel) ?? 0)) continue;
    const index = pools.findIndex((p) => findShape(p.shapeId)?.gpuModel === gpuModel);
    await assertQuotaAvailable(tx, cluster.orgId, { regionId: cluster.regionId, gpuModel, gpus, exceptResourceId: cluster.id, field: submission.type === "create" ? `nodePools.${index}.count` : "count" });
  }
  if (submission.type === "create") {
    await syncReservations(tx, cluster, pools);
    await tx.update(clusters).set({ status: "provisioning", updatedAt: now }).where(eq(clusters.id, cluster.id));
  } else {
    await syncReservations(tx, cluster, pools, previous);
  }
  await recordAudit(tx, systemPrincipal(), cluster.orgId, { action: "cluster.queue_started", targetType: "cluster", targetId: cluster.id, data: { name: cluster.name, kind: op.kind, operationId: op.id } });
}

export async function returnClusterToQueue(tx: DbOrTx, op: OperationRow, now: Date): Promise<void> {
  const cluster = await lockedCluster(tx, op);
  if (!cluster) return;
  if ((op.submission as unknown as ClusterSubmission).type === "create") {
    await releaseGpuReservations(tx, cluster.orgId, cluster.id);
    await tx.update(clusters).set({ status: "queued", submitted: 0, updatedAt: now }).where(eq(clusters.id, cluster.id));
  } else {
    await syncReservations(tx, cluster, await previousShapes(tx, op));
  }
}

/** The pools as they were before a queued scale-up (what the cluster holds while it waits). */
async function previousShapes(tx: DbOrTx, op: OperationRow) {
  const submission = op.submission as unknown as ClusterSubmission;
  if (submission.type !== "update") return [];
  const pools = await loadPools(tx, op.orgId, op.targetId, { includeRemoved: true });
  return submission.previousPools.map((p) => {
    const row = pools.find((q) => q.id === p.id);
    return { shapeId: row?.shapeId ?? "", count: p.count, status: p.status, reservationId: row?.reservationId ?? null };
  });
}
