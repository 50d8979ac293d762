import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import { findShape } from "@/lib/domain/catalog";
import { autoscalingOf } from "@/lib/domain/control-plane";
import { endpointGpus, UpdateEndpointInput } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import type { OperationRow } from "../operations/adapter";
import { fingerprintOf, loadOperationRow, openOperationsOf, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { orgContext } from "../access/org-context";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { invalidateEndpoint } from "./gateway-cache";
import { recordEndpointUpdate } from "./record-endpoint-update";
import { loadEndpoint, toEndpointView, withAccepted, type EndpointChange } from "./records";

/** Changes replicas and autoscaling: a long-running operation (202), one at a time per endpoint. */
export async function updateEndpoint(cp: ControlPlane, principal: Principal, slug: string, endpointId: string, raw: UpdateEndpointInput, options: { idempotencyKey?: string } = {}): Promise<EndpointChange> {
  const change = UpdateEndpointInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("endpoint.update", endpointId, change);
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return withAccepted(toEndpointView(await loadEndpoint(db, orgId, endpointId, { includeDeleted: true }), replay), replay);
  const op: OperationRow = await db.transaction(async (tx) => {
    const row = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    if (row.status !== "running") throw new AppError("conflict", `endpoint is ${row.status}; changes wait until it is running`, { status: row.status });
    const [open] = await openOperationsOf(tx, orgId, [endpointId]);
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
    return recordEndpointUpdate(tx, {
      principal,
      row,
      change: { minReplicas, maxReplicas, autoscaling: { ...autoscalingOf(row.autoscaling), ...change.autoscaling } },
      fingerprint,
      idempotencyKey: options.idempotencyKey,
    });
  });
  invalidateEndpoint(endpointId);
  const { refusal } = await submitRecorded(db, cp, op);
  if (refusal) throw new AppError(refusal.code as never, refusal.message, refusal.details);
  const latest = (await loadOperationRow(db, orgId, op.id)) ?? op;
  return withAccepted(toEndpointView(await loadEndpoint(db, orgId, endpointId), latest), latest);
}
