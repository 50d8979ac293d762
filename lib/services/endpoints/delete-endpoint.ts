import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { endpointKeys, endpoints, operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { AppError } from "@/lib/domain/errors";
import type { DbOrTx } from "@/lib/db/client";
import { orgContext } from "../access/org-context";
import type { OperationRow } from "../operations/adapter";
import { cancelOperation, fingerprintOf, loadOperationRow, openOperationsOf, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { recordDeletion } from "../operations/record-deletion";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { invalidateEndpoint } from "./gateway-cache";
import { loadEndpoint, toEndpointView, withAccepted, type EndpointChange } from "./records";

/**
 * Deletes an endpoint (a long-running operation). Its keys stop working at once; its GPUs are
 * released when the control plane has drained the replicas. An order the control plane never
 * accepted (still pending, or refused) is simply withdrawn: its create is cancelled.
 */
export async function deleteEndpoint(cp: ControlPlane, principal: Principal, slug: string, endpointId: string, options: { idempotencyKey?: string } = {}): Promise<EndpointChange> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("endpoint.delete", endpointId, {});
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return withAccepted(toEndpointView(await loadEndpoint(db, orgId, endpointId, { includeDeleted: true }), replay), replay);
  let withdrawn = false;
  const op: OperationRow = await db.transaction(async (tx) => {
    const row = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    if (row.status === "deleting") throw new AppError("conflict", "the endpoint is already being deleted", { status: row.status });
    const open = await openOperationsOf(tx, orgId, [endpointId]);
    const pendingCreate = open.find((o) => o.kind === "endpoint.create" && o.status === "pending");
    if (open.length > 0 && !pendingCreate) throw new AppError("conflict", "another operation is in progress; delete when it has finished", { operationId: open[0].id });
    const now = new Date();
    await tx.update(endpointKeys).set({ revokedAt: now }).where(and(eq(endpointKeys.orgId, orgId), eq(endpointKeys.endpointId, endpointId), isNull(endpointKeys.revokedAt)));
    if (pendingCreate || (row.status === "failed" && row.replicasCurrent === 0 && !(await knownToControlPlane(tx, orgId, endpointId)))) {
      withdrawn = true;
      if (pendingCreate) await cancelOperation(tx, pendingCreate.id, "deleted before the control plane accepted it", now);
      await tx.update(endpoints).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId)));
      await releaseGpuReservations(tx, orgId, endpointId);
    } else {
      await tx.update(endpoints).set({ status: "deleting", updatedAt: now }).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId)));
    }
    return recordDeletion(tx, { orgId, targetKind: "endpoint", targetId: endpointId, targetName: row.name, fingerprint, idempotencyKey: options.idempotencyKey, principal, withdrawn });
  });
  invalidateEndpoint(endpointId);
  if (!withdrawn) {
    const { refusal } = await submitRecorded(db, cp, op);
    if (refusal) throw new AppError(refusal.code as never, refusal.message, refusal.details);
  }
  const row = await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  const latest = (await loadOperationRow(db, orgId, op.id)) ?? op;
  return withAccepted(toEndpointView(row, latest), latest);
}

/** Whether the control plane ever accepted an operation for this endpoint. */
async function knownToControlPlane(tx: DbOrTx, orgId: string, endpointId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: operations.id })
    .from(operations)
    .where(and(eq(operations.orgId, orgId), eq(operations.targetId, endpointId), isNotNull(operations.controlPlaneOperationId)))
    .limit(1);
  return row !== undefined;
}
