import "server-only";
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { endpointOperations, endpoints } from "@/lib/db/schema";
import { getControlPlane } from "@/lib/control-plane";
import { findShape } from "@/lib/domain/catalog";
import type { Endpoint as ControlPlaneEndpoint, Operation } from "@/lib/domain/control-plane";
import { endpointGpus } from "@/lib/domain/endpoints";
import { isAppError } from "@/lib/domain/errors";
import { releaseGpuReservations, setGpuReservation } from "../quotas/gpu-reservations";
import { invalidateEndpoint } from "./gateway-cache";
import { recordReplicas } from "./metering-buffer";
import { OPEN_OPERATION_STATUSES, type EndpointOperationRow, type EndpointRow } from "./records";
import { submitOperation } from "./submit-operation";
import { notifyOperationOutcome } from "../notifications/operation-outcome";

// The background task that keeps the console's record in step with the control plane: it
// (re)submits orders that have not been accepted yet, follows running operations, and copies
// each live endpoint's status and replicas (scale to zero, autoscaling) into the console — and
// with them the GPUs the org holds, which is what quotas count.

/** GPUs held: the minimum is always reserved; above it, what the autoscaler holds now. */
export async function reserveGpus(tx: DbOrTx, row: Pick<EndpointRow, "id" | "orgId" | "shapeId" | "regionId" | "minReplicas">, replicasHeld: number): Promise<void> {
  const shape = findShape(row.shapeId);
  if (!shape?.gpuModel) return;
  await setGpuReservation(tx, {
    orgId: row.orgId,
    resourceId: row.id,
    resourceKind: "endpoint",
    regionId: row.regionId,
    gpuModel: shape.gpuModel,
    gpus: endpointGpus(row.shapeId, Math.max(row.minReplicas, replicasHeld)),
  });
}

/** Copies what the control plane says about an endpoint into the console's record. */
export async function applyControlPlaneEndpoint(db: Db, row: EndpointRow, cp: ControlPlaneEndpoint): Promise<void> {
  const now = new Date();
  const gone = cp.status === "deleted";
  const failed = cp.status === "failed";
  const next = {
    status: cp.status,
    failureReason: cp.failureReason,
    minReplicas: cp.minReplicas,
    maxReplicas: cp.maxReplicas,
    autoscaling: cp.autoscaling,
    replicasCurrent: gone || failed ? 0 : cp.replicas.current,
    replicasReady: gone || failed ? 0 : cp.replicas.ready,
    coldStartSeconds: Math.ceil(cp.coldStartSeconds),
    simulated: cp.simulated,
  };
  const changed =
    next.status !== row.status ||
    next.failureReason !== row.failureReason ||
    next.minReplicas !== row.minReplicas ||
    next.maxReplicas !== row.maxReplicas ||
    next.replicasCurrent !== row.replicasCurrent ||
    next.replicasReady !== row.replicasReady ||
    next.coldStartSeconds !== row.coldStartSeconds ||
    next.simulated !== row.simulated ||
    JSON.stringify(next.autoscaling) !== JSON.stringify(row.autoscaling);
  if (changed) {
    await db.transaction(async (tx) => {
      await tx
        .update(endpoints)
        .set({ ...next, updatedAt: now, syncedAt: now, deletedAt: gone ? (row.deletedAt ?? now) : row.deletedAt })
        .where(and(eq(endpoints.orgId, row.orgId), eq(endpoints.id, row.id)));
      if (gone || failed) await releaseGpuReservations(tx, row.orgId, row.id);
      else await reserveGpus(tx, { ...row, minReplicas: next.minReplicas }, next.replicasCurrent);
    });
    invalidateEndpoint(row.id);
  }
  if (!gone) recordReplicas(row.id, row.orgId, next.replicasCurrent);
}

/** Mirrors a control-plane operation; when it has finished, refreshes its endpoint. */
export async function applyControlPlaneOperation(db: Db, op: EndpointOperationRow, cpOp: Operation): Promise<void> {
  const finished = cpOp.status !== "running";
  await db
    .update(endpointOperations)
    .set({
      status: cpOp.status,
      progress: cpOp.progress,
      steps: cpOp.steps,
      error: cpOp.error ?? null,
      finishedAt: cpOp.finishedAt ? new Date(cpOp.finishedAt) : null,
    })
    .where(eq(endpointOperations.id, op.id));
  if (!finished && op.kind !== "endpoint.create") return;
  const [row] = await db.select().from(endpoints).where(and(eq(endpoints.orgId, op.orgId), eq(endpoints.id, op.endpointId))).limit(1);
  if (!row) return;
  if (finished && (cpOp.status === "succeeded" || cpOp.status === "failed")) {
    await notifyOperationOutcome(db, {
      orgId: op.orgId,
      operationId: op.id,
      kind: op.kind,
      target: { kind: "endpoint", id: row.id, name: row.name },
      requestedBy: op.createdBy,
      status: cpOp.status,
      reason: cpOp.error?.message,
      startedAt: op.startedAt,
      finishedAt: cpOp.finishedAt ? new Date(cpOp.finishedAt) : new Date(),
    });
  }
  const cp = await getControlPlane();
  await applyControlPlaneEndpoint(db, row, await cp.getEndpoint(op.endpointId));
}

async function followOperations(db: Db): Promise<void> {
  const open = await db.select().from(endpointOperations).where(inArray(endpointOperations.status, OPEN_OPERATION_STATUSES)).orderBy(endpointOperations.id).limit(500);
  if (open.length === 0) return;
  const cp = await getControlPlane();
  for (const op of open) {
    try {
      if (op.status === "submitting" || !op.controlPlaneOperationId) {
        await submitOperation(db, op, { firstAttempt: false });
      } else {
        await applyControlPlaneOperation(db, op, await cp.getOperation(op.controlPlaneOperationId));
      }
    } catch (error) {
      if (isAppError(error) && error.code === "control_plane_unavailable") return; // try again next round
      console.error(`[endpoints] operation ${op.id}:`, error instanceof Error ? error.message : error);
    }
  }
}

async function refreshLiveEndpoints(db: Db): Promise<void> {
  const rows = await db
    .select()
    .from(endpoints)
    .where(and(isNull(endpoints.deletedAt), notInArray(endpoints.status, ["failed", "deleted"])));
  if (rows.length === 0) return;
  const cp = await getControlPlane();
  const byOrg = new Map<string, EndpointRow[]>();
  for (const row of rows) byOrg.set(row.orgId, [...(byOrg.get(row.orgId) ?? []), row]);
  for (const [orgId, list] of byOrg) {
    const live = new Map((await cp.listEndpoints(orgId)).map((e) => [e.id, e]));
    for (const row of list) {
      const found = live.get(row.id);
      if (found) await applyControlPlaneEndpoint(db, row, found);
    }
  }
}

/** One round of the sync task. */
export async function syncEndpoints(db: Db): Promise<void> {
  await followOperations(db);
  try {
    await refreshLiveEndpoints(db);
  } catch (error) {
    if (!(isAppError(error) && error.code === "control_plane_unavailable")) throw error;
  }
}
