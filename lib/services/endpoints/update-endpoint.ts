import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import { findShape } from "@/lib/domain/catalog";
import { autoscalingOf } from "@/lib/domain/control-plane";
import { endpointGpus, UpdateEndpointInput } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import type { OperationRow } from "../operations/adapter";
import { fingerprintOf, loadOperationRow, openOperationsOf, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { toOperation } from "../operations/to-operation";
import { orgContext } from "../access/org-context";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { approvalPolicyFor } from "../approvals/approval-check";
import { estimateMachines } from "../approvals/order-estimate";
import { machinesSnapshot } from "../approvals/machines-snapshot";
import { allocationInForce } from "../approvals/allocation-in-force";
import { answeredUnder, holdOrder, requireApprovalInput, type HoldableOrderOptions } from "../approvals/request-approval";
import { invalidateEndpoint } from "./gateway-cache";
import { recordEndpointUpdate } from "./record-endpoint-update";
import { loadEndpoint, toEndpointView, withAccepted, type EndpointChange } from "./records";

// Changes replicas and autoscaling: a long-running operation (202), one at a time per endpoint.
// A change that raises the replica floor is a scale-up (「エンドポイントの増強」): the replicas it
// adds are held from now on, so a 稟議 rule on endpoint.scale_up weighs what it adds each month
// at the org's prices; when one applies the change waits in the request, and on the last
// approval runs through here again (`approvedRequestId`), checked again then.

/** The order a held scale-up keeps: which endpoint, and the change as asked. */
export const endpointScaleOrder = (endpointId: string, change: Omit<UpdateEndpointInput, "approval">) => ({ endpointId, ...change });

export async function orderEndpointUpdate(cp: ControlPlane, principal: Principal, slug: string, endpointId: string, raw: UpdateEndpointInput, options: HoldableOrderOptions = {}): Promise<HeldOrOrdered> {
  const input = UpdateEndpointInput.parse(raw);
  const { approval, ...change } = input;
  const { db, orgId, access } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("endpoint.update", endpointId, input);
  const internalKey = options.approvedRequestId !== undefined;
  const answered = await answeredUnder(db, orgId, options.idempotencyKey, fingerprint, principal.userId, internalKey);
  if (answered) return answered;
  if (!internalKey) {
    const current = await loadEndpoint(db, orgId, endpointId);
    const minReplicas = change.minReplicas ?? current.minReplicas;
    const added = minReplicas - current.minReplicas;
    if (added > 0) {
      const estimate = await estimateMachines(db, orgId, [{ shapeId: current.shapeId, count: added }]);
      const policy = await approvalPolicyFor(db, orgId, "endpoint.scale_up", estimate.perMonth);
      if (policy) {
        requireApprovalInput({ approval, policy });
        if (current.status !== "running") throw new AppError("conflict", `endpoint is ${current.status}; changes wait until it is running`, { status: current.status });
        const maxReplicas = change.maxReplicas ?? current.maxReplicas;
        if (minReplicas > maxReplicas) throw new AppError("validation_failed", "minReplicas must not exceed maxReplicas", { field: "minReplicas" });
        return holdOrder(db, principal, access.org, {
          action: "endpoint.scale_up",
          approval,
          order: { ...endpointScaleOrder(endpointId, change), endpointName: current.name, shapeId: current.shapeId, fromMinReplicas: current.minReplicas },
          targetName: current.name,
          ...estimate,
          policy,
          allocation: await allocationInForce(db, orgId, current.id),
          snapshot: await machinesSnapshot(cp, db, orgId, { zoneId: current.zoneId, shapeId: current.shapeId, additional: added, gpus: endpointGpus(current.shapeId, minReplicas), field: "minReplicas", exceptResourceId: current.id }),
          fingerprint,
        }, options);
      }
    }
  }
  const { op, fresh } = await db.transaction(async (tx): Promise<{ op: OperationRow; fresh: boolean }> => {
    const row = await loadEndpoint(tx, orgId, endpointId, { forUpdate: true });
    // Under the endpoint's lock: a second runner of the same approved change finds the first's operation.
    const already = await replayOf(tx, orgId, options.idempotencyKey, fingerprint, { internal: internalKey });
    if (already) return { op: already, fresh: false };
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
    const recorded = await recordEndpointUpdate(tx, {
      principal,
      row,
      change: { minReplicas, maxReplicas, autoscaling: { ...autoscalingOf(row.autoscaling), ...change.autoscaling } },
      fingerprint,
      idempotencyKey: options.idempotencyKey,
      auditData: options.approvedRequestId ? { approvalRequestId: options.approvedRequestId } : undefined,
    });
    await options.outcome?.recordIn(tx, { kind: "operation", operation: toOperation(recorded) });
    return { op: recorded, fresh: true };
  });
  invalidateEndpoint(endpointId);
  if (fresh) {
    const { refusal } = await submitRecorded(db, cp, op);
    if (refusal) throw new AppError(refusal.code as never, refusal.message, refusal.details);
  }
  return { kind: "operation", operation: toOperation((await loadOperationRow(db, orgId, op.id)) ?? op) };
}

/** Changing an endpoint when the caller knows no 稟議 rule applies (tests, the demo): the endpoint with its operation. */
export async function updateEndpoint(cp: ControlPlane, principal: Principal, slug: string, endpointId: string, raw: UpdateEndpointInput, options: { idempotencyKey?: string } = {}): Promise<EndpointChange> {
  const result = await orderEndpointUpdate(cp, principal, slug, endpointId, raw, options);
  if (result.kind !== "operation") throw new AppError("business_rule", "this change is held for approval (稟議)", { approvalRequestId: result.approvalRequest.id });
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const latest = (await loadOperationRow(db, orgId, result.operation.id))!;
  return withAccepted(toEndpointView(await loadEndpoint(db, orgId, endpointId, { includeDeleted: true }), latest), latest);
}
