import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { endpointKeys, endpointOperations, endpoints } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { EndpointView } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { invalidateEndpoint } from "./gateway-cache";
import { loadEndpoint, OPEN_OPERATION_STATUSES, toEndpointView } from "./records";
import { submitOperation } from "./submit-operation";

/**
 * Deletes an endpoint (a long-running operation). Its keys stop working at once; its GPUs are
 * released when the control plane has drained the replicas. An order the control plane never
 * accepted (still submitting, or refused) is simply withdrawn.
 */
export async function deleteEndpoint(principal: Principal, slug: string, endpointId: string): Promise<EndpointView> {
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const operationId = newId("operation");
  let withdrawn = false;
  await db.transaction(async (tx) => {
    const row = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    if (row.status === "deleting") throw new AppError("conflict", "the endpoint is already being deleted", { status: row.status });
    const open = await tx
      .select()
      .from(endpointOperations)
      .where(and(eq(endpointOperations.orgId, orgId), eq(endpointOperations.endpointId, endpointId), inArray(endpointOperations.status, OPEN_OPERATION_STATUSES)));
    const pendingCreate = open.find((o) => o.kind === "endpoint.create" && o.status === "submitting");
    if (open.length > 0 && !pendingCreate) throw new AppError("conflict", "another operation is in progress; delete when it has finished", { operationId: open[0].id });
    const now = new Date();
    await tx.update(endpointKeys).set({ revokedAt: now }).where(and(eq(endpointKeys.orgId, orgId), eq(endpointKeys.endpointId, endpointId), isNull(endpointKeys.revokedAt)));
    if (pendingCreate || (row.status === "failed" && row.replicasCurrent === 0 && !(await knownToControlPlane(tx, orgId, endpointId)))) {
      withdrawn = true;
      if (pendingCreate) await tx.update(endpointOperations).set({ status: "failed", error: { code: "withdrawn", message: "deleted before the control plane accepted it" }, finishedAt: now }).where(eq(endpointOperations.id, pendingCreate.id));
      await tx.update(endpoints).set({ status: "deleted", deletedAt: now, updatedAt: now }).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId)));
      await releaseGpuReservations(tx, orgId, endpointId);
    } else {
      await tx.update(endpoints).set({ status: "deleting", updatedAt: now }).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId)));
      await tx.insert(endpointOperations).values({ id: operationId, orgId, endpointId, kind: "endpoint.delete", status: "submitting", request: {}, createdBy: principal.userId });
    }
    await recordAudit(tx, principal, orgId, { action: "endpoint.delete", targetType: "endpoint", targetId: endpointId, data: { name: row.name, operationId: withdrawn ? null : operationId } });
  });
  invalidateEndpoint(endpointId);
  if (!withdrawn) {
    const [op] = await db.select().from(endpointOperations).where(eq(endpointOperations.id, operationId));
    const refusal = await submitOperation(db, op, { firstAttempt: true });
    if (refusal) throw new AppError(refusal.code as never, refusal.message, refusal.details);
  }
  const row = await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  const [latest] = withdrawn ? [] : await db.select().from(endpointOperations).where(eq(endpointOperations.id, operationId));
  return toEndpointView(row, latest);
}

/** Whether the control plane ever accepted an operation for this endpoint. */
async function knownToControlPlane(tx: Parameters<typeof loadEndpoint>[0], orgId: string, endpointId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: endpointOperations.controlPlaneOperationId })
    .from(endpointOperations)
    .where(and(eq(endpointOperations.orgId, orgId), eq(endpointOperations.endpointId, endpointId)));
  return rows.some((r) => r.id !== null);
}
