import "server-only";
import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { clusterNodePools, clusters, operations } from "@/lib/db/schema";
import { notifyOperationOutcome } from "../notifications/operation-outcome";
import { systemPrincipal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { ClusterChangeInput, ClusterSpecInput, Operation as CpOperation } from "@/lib/domain/control-plane";
import { isAppError } from "@/lib/domain/errors";
import { recordAudit } from "../audit/record";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { loadPools, refreshClusterSummary, syncReservations, type OperationRow, type PoolRow } from "./cluster-records";

// The console's side of every cluster operation after it is recorded: submit it to the control
// plane (with the operation id as the idempotency key, so a retry can never do the work twice),
// follow the control plane's operation, and apply the outcome to the order — status, pools,
// GPU reservations. A control-plane outage leaves the operation pending and it is retried with
// backoff; a definite refusal (no capacity, invalid) fails it with the reason.

export interface PoolSnapshot {
  id: string;
  count: number;
  autoscalingMin: number | null;
  autoscalingMax: number | null;
  status: string;
}

export type Submission =
  | { type: "create"; spec: ClusterSpecInput }
  | { type: "update"; change: ClusterChangeInput; previousPools: PoolSnapshot[]; targetVersion?: string }
  | { type: "delete" };

export const snapshotPools = (pools: PoolRow[]): PoolSnapshot[] =>
  pools.map((p) => ({ id: p.id, count: p.count, autoscalingMin: p.autoscalingMin, autoscalingMax: p.autoscalingMax, status: p.status }));

const MAX_BACKOFF_MS = 30_000;

/** Errors that mean "try again later" rather than "no". */
function isTransient(error: unknown): boolean {
  if (!isAppError(error)) return true;
  return error.code === "control_plane_unavailable" || error.code === "internal" || error.code === "rate_limited";
}

function describe(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  return { code: "control_plane_unavailable", message: error instanceof Error ? error.message : String(error) };
}

function stepsOf(op: CpOperation) {
  return op.steps.map((s) => ({ name: s.name, status: s.status }));
}

function currentStepOf(op: CpOperation): string | null {
  return op.steps.find((s) => s.status === "running" || s.status === "failed")?.name ?? null;
}

async function send(cp: ControlPlane, row: OperationRow): Promise<CpOperation> {
  const submission = row.submission as unknown as Submission;
  switch (submission.type) {
    case "create":
      return cp.createCluster(submission.spec, row.id);
    case "update":
      return cp.updateCluster(row.targetId, submission.change, row.id);
    case "delete":
      return cp.deleteCluster(row.targetId, row.id);
  }
}

/** Locks an operation row and returns it only if it is still in one of `statuses`. */
async function lockOpen(tx: DbOrTx, id: string, statuses: string[]): Promise<OperationRow | null> {
  const [row] = await tx.select().from(operations).where(eq(operations.id, id)).for("update");
  return row && statuses.includes(row.status) ? row : null;
}

/** Submits one pending operation. Returns its row as it stands afterwards. */
export async function submitOperation(db: Db, cp: ControlPlane, row: OperationRow, now = new Date()): Promise<void> {
  let accepted: CpOperation;
  try {
    accepted = await send(cp, row);
  } catch (error) {
    if (isTransient(error)) {
      const attempts = row.attempts + 1;
      const backoff = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempts - 1, 5));
      await db
        .update(operations)
        .set({ attempts, lastError: describe(error).message, nextAttemptAt: new Date(now.getTime() + backoff), currentStep: "waiting_for_control_plane", updatedAt: now })
        .where(and(eq(operations.id, row.id), eq(operations.status, "pending")));
      return;
    }
    const remote = await remoteCluster(cp, row);
    await db.transaction(async (tx) => {
      const open = await lockOpen(tx, row.id, ["pending"]);
      if (open) await finish(tx, remote, { ...open, attempts: open.attempts + 1 }, "failed", describe(error), now);
    });
    return;
  }
  await db.transaction(async (tx) => {
    const open = await lockOpen(tx, row.id, ["pending"]);
    if (!open) return;
    await tx
      .update(operations)
      .set({
        status: "running",
        controlPlaneOperationId: accepted.id,
        attempts: open.attempts + 1,
        lastError: null,
        nextAttemptAt: null,
        progress: accepted.progress,
        steps: stepsOf(accepted),
        currentStep: currentStepOf(accepted),
        updatedAt: now,
      })
      .where(eq(operations.id, open.id));
    if (open.kind === "cluster.create") await tx.update(clusters).set({ submitted: 1, updatedAt: now }).where(eq(clusters.id, open.targetId));
  });
  // Fast simulators finish at once; settle now rather than on the next round.
  if (accepted.status !== "running") await followOperation(db, cp, { ...row, status: "running", controlPlaneOperationId: accepted.id }, now);
}

/** Reads the control plane's operation and records its progress, or its outcome. */
export async function followOperation(db: Db, cp: ControlPlane, row: OperationRow, now = new Date()): Promise<void> {
  if (!row.controlPlaneOperationId) return;
  let remote: CpOperation;
  try {
    remote = await cp.getOperation(row.controlPlaneOperationId);
  } catch (error) {
    await db.update(operations).set({ lastError: describe(error).message, updatedAt: now }).where(eq(operations.id, row.id));
    return;
  }
  // Never call the control plane inside a transaction: the embedded one shares this database.
  const cluster = remote.status === "running" ? null : await remoteCluster(cp, row);
  await db.transaction(async (tx) => {
    const open = await lockOpen(tx, row.id, ["running"]);
    if (!open) return;
    const progress = { progress: remote.progress, steps: stepsOf(remote), currentStep: currentStepOf(remote), lastError: null };
    if (remote.status === "running") {
      await tx.update(operations).set({ ...progress, updatedAt: now }).where(eq(operations.id, open.id));
      return;
    }
    await tx.update(operations).set(progress).where(eq(operations.id, open.id));
    await finish(tx, cluster, { ...open, ...progress }, remote.status, remote.error ?? (remote.status === "failed" ? { code: "provisioning_failed", message: "the control plane reported a failure" } : null), now);
  });
}

async function remoteCluster(cp: ControlPlane, row: OperationRow): Promise<{ apiServerUrl: string; status: string } | null> {
  if (row.targetKind !== "cluster") return null;
  return cp.getCluster(row.targetId).catch(() => null);
}

/** Applies an operation's outcome to the order, in the caller's transaction. */
async function finish(tx: DbOrTx, remote: { apiServerUrl: string; status: string } | null, op: OperationRow, status: "succeeded" | "failed", error: { code: string; message: string } | null, now: Date): Promise<void> {
  await tx
    .update(operations)
    .set({ status, error: status === "failed" ? error : null, progress: status === "succeeded" ? 100 : op.progress, finishedAt: now, updatedAt: now, nextAttemptAt: null, attempts: op.attempts })
    .where(eq(operations.id, op.id));
  if (op.targetKind !== "cluster") return;
  const [cluster] = await tx.select().from(clusters).where(and(eq(clusters.orgId, op.orgId), eq(clusters.id, op.targetId))).for("update");
  if (!cluster) return;
  const submission = op.submission as unknown as Submission;
  const system = systemPrincipal();
  await notifyOperationOutcome(tx, {
    orgId: op.orgId,
    operationId: op.id,
    kind: op.kind,
    target: { kind: "cluster", id: cluster.id, name: cluster.name },
    requestedBy: op.requestedBy,
    status,
    reason: error?.message,
    startedAt: op.createdAt,
    finishedAt: now,
  });

  if (submission.type === "create") {
    if (status === "succeeded") {
      const apiServerUrl = remote?.apiServerUrl ?? cluster.apiServerUrl;
      await tx.update(clusters).set({ status: "running", apiServerUrl, submitted: 1, updatedAt: now }).where(eq(clusters.id, cluster.id));
      await tx.update(clusterNodePools).set({ status: "active", updatedAt: now }).where(and(eq(clusterNodePools.clusterId, cluster.id), eq(clusterNodePools.status, "adding")));
      return;
    }
    // Failed: nothing stays held, and the customer is told what was given back.
    const released = { nodes: cluster.nodeCount, gpus: cluster.gpuCount, at: now.toISOString() };
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
    await recordAudit(tx, system, cluster.orgId, { action: "cluster.operation_failed", targetType: "cluster", targetId: cluster.id, data: { kind: op.kind, operationId: op.id, error } });
  }
  const pools = await refreshClusterSummary(tx, cluster);
  await syncReservations(tx, cluster, pools);
}

export interface SyncOptions {
  orgId?: string;
  targetId?: string;
  now?: Date;
}

/**
 * One round of the sync: submit what is pending and due, follow what is running. Called by the
 * background task for everything, and by reads of one cluster so its page is never stale.
 */
export async function syncOperations(db: Db, cp: ControlPlane, options: SyncOptions = {}): Promise<{ submitted: number; followed: number }> {
  const now = options.now ?? new Date();
  const open = await db
    .select()
    .from(operations)
    .where(
      and(
        inArray(operations.status, ["pending", "running"]),
        eq(operations.targetKind, "cluster"),
        options.orgId ? eq(operations.orgId, options.orgId) : undefined,
        options.targetId ? eq(operations.targetId, options.targetId) : undefined,
        or(eq(operations.status, "running"), isNull(operations.nextAttemptAt), lte(operations.nextAttemptAt, now)),
      ),
    )
    .orderBy(operations.id)
    .limit(500);
  let submitted = 0;
  let followed = 0;
  for (const row of open) {
    if (row.status === "pending") {
      await submitOperation(db, cp, row, now);
      submitted++;
    } else {
      await followOperation(db, cp, row, now);
      followed++;
    }
  }
  return { submitted, followed };
}
