import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpoints } from "@/lib/db/schema";
import { findShape } from "@/lib/domain/catalog";
import type { Endpoint as ControlPlaneEndpoint } from "@/lib/domain/control-plane";
import { endpointGpus } from "@/lib/domain/endpoints";
import { releaseGpuReservations, setGpuReservation } from "../quotas/gpu-reservations";
import { recordReplicas } from "./metering-buffer";
import type { EndpointRow } from "./records";

// Copies what the control plane says about an endpoint into the console's record — status,
// replicas (scale to zero, autoscaling) and with them the GPUs the org holds, which is what
// quotas count. Used by the endpoint operations' adapter and by the slower reconcile.

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

/** Writes the control plane's view of one endpoint (caller's transaction). Returns whether it changed. */
export async function applyControlPlaneEndpoint(tx: DbOrTx, row: EndpointRow, cp: ControlPlaneEndpoint, now = new Date()): Promise<boolean> {
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
    await tx
      .update(endpoints)
      .set({ ...next, updatedAt: now, syncedAt: now, deletedAt: gone ? (row.deletedAt ?? now) : row.deletedAt })
      .where(and(eq(endpoints.orgId, row.orgId), eq(endpoints.id, row.id)));
    if (gone || failed) await releaseGpuReservations(tx, row.orgId, row.id);
    else await reserveGpus(tx, { ...row, minReplicas: next.minReplicas }, next.replicasCurrent);
  }
  if (!gone) recordReplicas(row.id, row.orgId, next.replicasCurrent);
  return changed;
}
