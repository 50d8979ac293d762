import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { endpointOperations, endpoints } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { findShape } from "@/lib/domain/catalog";
import { endpointGpus, UpdateEndpointInput, type EndpointView } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { invalidateEndpoint } from "./gateway-cache";
import { loadEndpoint, OPEN_OPERATION_STATUSES, toEndpointView } from "./records";
import { submitOperation, type UpdateRequest } from "./submit-operation";
import { reserveGpus } from "./sync-endpoints";

/** Changes replicas and autoscaling: a long-running operation (202), one at a time per endpoint. */
export async function updateEndpoint(principal: Principal, slug: string, endpointId: string, raw: UpdateEndpointInput): Promise<EndpointView> {
  const change = UpdateEndpointInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const operationId = newId("operation");
  await db.transaction(async (tx) => {
    const row = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    if (row.status !== "running") throw new AppError("conflict", `endpoint is ${row.status}; changes wait until it is running`, { status: row.status });
    const [open] = await tx
      .select({ id: endpointOperations.id })
      .from(endpointOperations)
      .where(and(eq(endpointOperations.orgId, orgId), eq(endpointOperations.endpointId, endpointId), inArray(endpointOperations.status, OPEN_OPERATION_STATUSES)))
      .limit(1);
    if (open) throw new AppError("conflict", "another operation is in progress", { operationId: open.id });
    const minReplicas = change.minReplicas ?? row.minReplicas;
    const maxReplicas = change.maxReplicas ?? row.maxReplicas;
    if (minReplicas > maxReplicas) throw new AppError("validation_failed", "minReplicas must not exceed maxReplicas", { field: "minReplicas" });
    const shape = findShape(row.shapeId);
    // The new minimum is held from now on; above what it holds already, it must fit the quota.
    await assertQuotaAvailable(tx, orgId, {
      regionId: row.regionId,
      gpuModel: shape?.gpuModel ?? "",
      gpus: endpointGpus(row.shapeId, Math.max(minReplicas, row.replicasCurrent)),
      exceptResourceId: row.id,
      field: "minReplicas",
    });
    const request: UpdateRequest = {
      change: { minReplicas, maxReplicas, autoscaling: change.autoscaling ?? row.autoscaling },
      previous: { minReplicas: row.minReplicas, maxReplicas: row.maxReplicas, autoscaling: row.autoscaling },
    };
    await tx
      .update(endpoints)
      .set({ status: "updating", minReplicas, maxReplicas, autoscaling: request.change.autoscaling, updatedAt: new Date() })
      .where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, endpointId)));
    await reserveGpus(tx, { ...row, minReplicas }, row.replicasCurrent);
    await tx.insert(endpointOperations).values({ id: operationId, orgId, endpointId, kind: "endpoint.update", status: "submitting", request, createdBy: principal.userId });
    await recordAudit(tx, principal, orgId, { action: "endpoint.update", targetType: "endpoint", targetId: endpointId, data: { ...request, operationId } });
  });
  invalidateEndpoint(endpointId);
  const [op] = await db.select().from(endpointOperations).where(eq(endpointOperations.id, operationId));
  const refusal = await submitOperation(db, op, { firstAttempt: true });
  if (refusal) throw new AppError(refusal.code as never, refusal.message, refusal.details);
  const [latest] = await db.select().from(endpointOperations).where(eq(endpointOperations.id, operationId));
  return toEndpointView(await loadEndpoint(db, orgId, endpointId), latest);
}
