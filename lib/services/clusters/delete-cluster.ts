import "server-only";
import { eq } from "drizzle-orm";
import { clusterNodePools, clusters } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { loadCluster } from "./cluster-records";
import type { MutationOptions } from "./launch-cluster";
import { cancelOperation, fingerprintOf, loadOperationRow, openOperationsOf, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import { recordDeletion } from "../operations/record-deletion";

// Delete a cluster (the page asks for its name to be typed first). An order the control plane
// never accepted — still waiting out an outage, or refused — is withdrawn at once.

export async function deleteCluster(cp: ControlPlane, principal: Principal, slug: string, clusterId: string, options: MutationOptions = {}): Promise<ConsoleOperation> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.write");
  const cluster = await loadCluster(db, orgId, clusterId);
  const fingerprint = fingerprintOf("cluster.delete", clusterId, {});
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return toOperation(replay);
  if (cluster.status === "deleted") throw new AppError("conflict", "cluster is already deleted", { status: cluster.status });

  const open = await openOperationsOf(db, orgId, [clusterId]);
  const unsubmittedCreate = cluster.submitted === 0 && open.length === 1 && open[0].kind === "cluster.create" && (open[0].status === "pending" || open[0].status === "queued");
  const neverAccepted = cluster.submitted === 0 && cluster.status === "failed" && open.length === 0;
  const withdraw = unsubmittedCreate || neverAccepted;
  if (!withdraw) {
    if (open.length > 0 || (cluster.status !== "running" && cluster.status !== "failed")) {
      throw new AppError("conflict", `cluster is ${cluster.status}; it can be deleted once the running operation ends`, { status: cluster.status, operationId: open[0]?.id ?? null });
    }
  }

  const row = await db.transaction(async (tx) => {
    const locked = await loadCluster(tx, orgId, clusterId, { forUpdate: true });
    const stillOpen = await openOperationsOf(tx, orgId, [clusterId]);
    if (withdraw && stillOpen.some((o) => o.status !== "pending" && o.status !== "queued")) throw new AppError("conflict", "the launch was submitted meanwhile; try again", { status: locked.status });
    const now = new Date();
    if (withdraw) {
      for (const o of stillOpen) await cancelOperation(tx, o.id, "withdrawn before the control plane accepted it", now);
      await tx.update(clusters).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(eq(clusters.id, clusterId));
      await tx.update(clusterNodePools).set({ status: "removed", updatedAt: now }).where(eq(clusterNodePools.clusterId, clusterId));
      await releaseGpuReservations(tx, orgId, clusterId);
    } else {
      await tx.update(clusters).set({ status: "deleting", updatedAt: now }).where(eq(clusters.id, clusterId));
    }
    return recordDeletion(tx, { orgId, targetKind: "cluster", targetId: clusterId, targetName: cluster.name, fingerprint, idempotencyKey: options.idempotencyKey, principal, withdrawn: withdraw });
  });
  if (!withdraw) await submitRecorded(db, cp, row);
  return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
}
