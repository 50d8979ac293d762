import "server-only";
import { eq } from "drizzle-orm";
import { clusterNodePools, clusters } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { findShape } from "@/lib/domain/catalog";
import type { ConsoleOperation, ConsoleOperationKind } from "@/lib/domain/operations";
import type { ClusterChangeInput } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { loadCluster, quotaGpusByModel, loadPools, lockOrg, refreshClusterSummary, syncReservations, type ClusterRow, type PoolRow, type PoolShape } from "./cluster-records";
import { snapshotPools } from "./cluster-operations";
import { fingerprintOf, loadOperationRow, openOperationsOf, recordOperation, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import { assertCapacity, assertReservationDraws, checkCapacity, type PoolDemand } from "./launch-checks";
import type { MutationOptions } from "./launch-cluster";
import type { QueueRequest, QueueTicket } from "@/lib/domain/queued-orders";
import { queueTicketFor, waitsForCapacity } from "./queue-ticket";

// The one path every change to a running cluster takes (scale a pool, change autoscaling, add or
// remove a pool, upgrade): permission, tenant-scoped load, idempotency, "one change at a time",
// capacity and quota for what is added, then the order, the reservation, the operation and the
// audit entry in one transaction — and the submission to the control plane.

export interface ChangePlan {
  kind: ConsoleOperationKind;
  /** What the customer asked for (history, audit). */
  request: Record<string, unknown>;
  change: ClusterChangeInput;
  /** Pools after the change (for quota and reservations). */
  poolsAfter: PoolShape[];
  /** Nodes added on top of what is held, for the capacity check. */
  demands: PoolDemand[];
  /** Writes the desired pools into the order (inside the transaction). */
  apply(tx: DbOrTx, now: Date): Promise<void>;
  targetVersion?: string;
  audit: { action: string; data: Record<string, unknown> };
  /** Field that quota errors name. */
  quotaField: string;
  /** 空き待ち: wait for capacity for what is added instead of being refused. */
  queue?: QueueRequest;
}

export interface ChangeOptions extends MutationOptions {
  /** The key was derived by the 稟議 executor (not a client's; see run-approved-request.ts). */
  internalKey?: boolean;
  /** Said in the audit entry beside the change (e.g. the 稟議 it was approved under). */
  auditData?: Record<string, unknown>;
}

export async function changeCluster(
  cp: ControlPlane,
  principal: Principal,
  slug: string,
  clusterId: string,
  fingerprintInput: { kind: ConsoleOperationKind; input: unknown },
  plan: (cluster: ClusterRow, pools: PoolRow[]) => ChangePlan | Promise<ChangePlan>,
  options: ChangeOptions = {},
): Promise<ConsoleOperation> {
  const { db, orgId } = await orgContext(principal, slug, "clusters.write");
  const cluster = await loadCluster(db, orgId, clusterId);
  const fingerprint = fingerprintOf(fingerprintInput.kind, clusterId, fingerprintInput.input);
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint, { internal: options.internalKey });
  if (replay) return toOperation(replay);

  assertChangeable(cluster, await openOperationsOf(db, orgId, [clusterId]));
  const pools = await loadPools(db, orgId, clusterId);
  const p = await plan(cluster, pools);
  let ticket: QueueTicket | undefined;
  let queued = false;
  if (p.demands.some((d) => d.additional > 0)) {
    const capacity = await checkCapacity(cp, db, orgId, cluster.zoneId, p.demands);
    ticket = queueTicketFor(p.queue, cluster, p.demands, new Date());
    queued = waitsForCapacity(ticket, capacity.pools);
    if (!queued) assertCapacity(cluster.zoneId, p.demands, capacity.pools);
    await assertReservationDraws(cp, db, orgId, cluster.zoneId, p.demands);
  }

  const recorded = await db.transaction(async (tx) => {
    await lockOrg(tx, orgId);
    // Under the org's lock: a second runner of the same approved change finds the first's operation.
    const already = await replayOf(tx, orgId, options.idempotencyKey, fingerprint, { internal: options.internalKey });
    if (already) return { op: already, fresh: false };
    const locked = await loadCluster(tx, orgId, clusterId, { forUpdate: true });
    assertChangeable(locked, await openOperationsOf(tx, orgId, [clusterId]));
    for (const [gpuModel, gpus] of quotaGpusByModel(p.poolsAfter)) {
      const before = quotaGpusByModel(pools).get(gpuModel) ?? 0;
      if (gpus > before) await assertQuotaAvailable(tx, orgId, { regionId: cluster.regionId, gpuModel, gpus, exceptResourceId: clusterId, field: p.quotaField });
    }
    const now = new Date();
    await p.apply(tx, now);
    await tx.update(clusters).set({ status: "updating", updatedAt: now }).where(eq(clusters.id, clusterId));
    const after = await refreshClusterSummary(tx, cluster);
    // While it waits for capacity the cluster holds what it held; the queue takes the rest at start.
    if (queued) await syncReservations(tx, cluster, pools);
    else await syncReservations(tx, cluster, after, pools);
    const op = await recordOperation(tx, {
      orgId,
      kind: p.kind,
      targetKind: "cluster",
      targetId: clusterId,
      targetName: cluster.name,
      request: p.request,
      submission: { type: "update", change: p.change, previousPools: snapshotPools(pools), targetVersion: p.targetVersion },
      status: queued ? "queued" : "pending",
      queue: ticket,
      fingerprint,
      idempotencyKey: options.idempotencyKey,
      principal,
    });
    await recordAudit(tx, principal, orgId, { action: p.audit.action, targetType: "cluster", targetId: clusterId, data: { ...p.audit.data, ...options.auditData, name: cluster.name, operationId: op.id, ...(ticket ? { queued, queueDeadline: ticket.deadline } : {}) } });
    await options.outcome?.recordIn(tx, toOperation(op));
    return { op, fresh: true };
  });
  const row = recorded.op;
  if (recorded.fresh && !queued) await submitRecorded(db, cp, row);
  return toOperation((await loadOperationRow(db, orgId, row.id)) ?? row);
}

/** Changes wait for a running cluster with nothing else in flight (the control plane's rule too). */
export function assertChangeable(cluster: ClusterRow, open: { id: string; kind: string }[]): void {
  if (cluster.status !== "running") {
    throw new AppError("conflict", `cluster is ${cluster.status}; changes wait until it is running`, { status: cluster.status });
  }
  if (open.length > 0) {
    throw new AppError("conflict", "another operation on this cluster is still running", { operationId: open[0].id, kind: open[0].kind });
  }
}

export function gpuModelOf(shapeId: string): string | null {
  return findShape(shapeId)?.gpuModel ?? null;
}

export async function updatePoolRow(tx: DbOrTx, poolId: string, set: Partial<typeof clusterNodePools.$inferInsert>): Promise<void> {
  await tx.update(clusterNodePools).set(set).where(eq(clusterNodePools.id, poolId));
}
