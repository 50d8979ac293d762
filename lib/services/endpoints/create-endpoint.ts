import "server-only";
import { endpoints } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import type { Principal } from "@/lib/auth/principal";
import { findModel, findShape, findZone } from "@/lib/domain/catalog";
import type { EndpointSpecInput } from "@/lib/domain/control-plane";
import { CreateEndpointInput, endpointGpus, type CreateEndpointInputRaw } from "@/lib/domain/endpoints";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { OperationRow } from "../operations/adapter";
import { fingerprintOf, loadOperationRow, recordOperation, replayOf } from "../operations/record-operation";
import { submitRecorded } from "../operations/run-operations";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { checkOrderAllocation, recordAllocation } from "../cost-centers/order-allocation";
import { assertQuotaAvailable } from "../quotas/quota-usage";
import { evaluateEndpointOrder, refusalFor } from "./preflight-endpoint";
import { loadEndpoint, toEndpointView, withAccepted, type EndpointChange } from "./records";
import { reserveGpus } from "./apply-control-plane-endpoint";
import type { ApprovalRequest } from "@/lib/domain/approval-requests";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { toOperation } from "../operations/to-operation";
import { lockOrg } from "../clusters/cluster-records";
import { approvalPolicyFor } from "../approvals/approval-check";
import { estimateMachines } from "../approvals/order-estimate";
import { machinesSnapshot } from "../approvals/machines-snapshot";
import { approvalReplayOf, holdOrder, requireApprovalInput, type HoldableOrderOptions } from "../approvals/request-approval";

// Creates an inference endpoint: the console records the order and its operation (and the GPUs
// it will hold) in one audited transaction, then hands it to the control plane with the
// operation id as idempotency key. When a 稟議 rule applies, the order waits in the request
// instead (lib/services/approvals) and runs through here again on the last approval. The endpoint appears at once as "provisioning"; the sync
// task follows it to "running" (or "failed", with the reason and its GPUs released).

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}

/** Ordering an endpoint: its create operation (and the endpoint as it now stands), or the 稟議 it waits in. */
export type EndpointOrder = { kind: "operation"; operation: ConsoleOperation; endpoint: EndpointChange } | { kind: "approval_request"; approvalRequest: ApprovalRequest };

// What a held order may lack now and have at approval: the re-check then decides.
const DECIDED_AT_APPROVAL = ["quota_exceeded", "capacity_unavailable"];

/**
 * The one endpoint create service, with or without a 稟議 rule: the same checks, then either the
 * order (recorded and submitted) or, when a rule applies to its estimated monthly amount (the
 * replica floor at the org's prices), a 稟議 holding it — nothing reaches the control plane before
 * the last approval. On approval the executor calls this again with `approvedRequestId`.
 */
export async function orderEndpoint(cp: ControlPlane, principal: Principal, slug: string, raw: CreateEndpointInputRaw, options: HoldableOrderOptions = {}): Promise<EndpointOrder> {
  const input = CreateEndpointInput.parse(raw);
  const { approval, ...order } = input;
  const { db, orgId, access } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("endpoint.create", null, input);
  const internalKey = options.approvedRequestId !== undefined;
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint, { internal: internalKey });
  if (replay) return accepted(withAccepted(toEndpointView(await loadEndpoint(db, orgId, replay.targetId, { includeDeleted: true }), replay), replay));
  if (!internalKey) {
    const held = await approvalReplayOf(db, orgId, options.idempotencyKey, fingerprint, principal.userId);
    if (held) return { kind: "approval_request", approvalRequest: held };
  }
  const model = findModel(input.modelId);
  if (!model) throw new AppError("validation_failed", "unknown model", { field: "modelId" });
  const shape = findShape(input.shapeId);
  if (!shape) throw new AppError("validation_failed", "unknown shape", { field: "shapeId" });
  const zone = findZone(input.zoneId);
  if (!zone) throw new AppError("validation_failed", "unknown zone", { field: "zoneId" });
  const verdict = await evaluateEndpointOrder(db, cp, orgId, input);
  // Order of refusal: what the customer chose wrongly first, then what the fleet lacks.
  const refusalOrder = ["model_unknown", "shape_unfit", "zone_unknown", "residency_violation", "name_invalid", "name_taken", "replicas_invalid", "quota_exceeded", "capacity_unavailable"];
  const problems = [...verdict.problems].sort((a, b) => refusalOrder.indexOf(a.code) - refusalOrder.indexOf(b.code));
  const allocation = await checkOrderAllocation(db, orgId, input);

  if (!internalKey) {
    const estimate = await estimateMachines(db, orgId, [{ shapeId: shape.id, count: input.minReplicas }]);
    const policy = await approvalPolicyFor(db, orgId, "endpoint.create", estimate.perMonth);
    if (policy) {
      requireApprovalInput({ approval, policy });
      const blocking = problems.find((p) => !DECIDED_AT_APPROVAL.includes(p.code));
      if (blocking) throw refusalFor(blocking);
      return holdOrder(db, principal, access.org, {
        action: "endpoint.create",
        approval,
        order: { ...order },
        targetName: order.name,
        ...estimate,
        policy,
        allocation,
        snapshot: await machinesSnapshot(cp, db, orgId, { zoneId: zone.id, shapeId: shape.id, additional: Math.max(input.minReplicas, 1), gpus: endpointGpus(shape.id, input.minReplicas), field: "minReplicas" }),
        fingerprint,
      }, options);
    }
  }
  if (problems[0]) throw refusalFor(problems[0]);

  const id = newId("endpoint");
  const spec: EndpointSpecInput = {
    tenantId: orgId,
    endpointId: id,
    name: input.name,
    modelId: model.id,
    shapeId: shape.id,
    zoneId: zone.id,
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas,
    autoscaling: input.autoscaling,
  };
  let recorded: { op: OperationRow; fresh: boolean };
  try {
    recorded = await db.transaction(async (tx) => {
      // Under the org's lock: a second runner of the same approved order (a retry, another instance) finds the first's operation.
      await lockOrg(tx, orgId);
      const already = await replayOf(tx, orgId, options.idempotencyKey, fingerprint, { internal: internalKey });
      if (already) return { op: already, fresh: false };
      await assertQuotaAvailable(tx, orgId, { regionId: zone.regionId, gpuModel: shape.gpuModel ?? "", gpus: endpointGpus(shape.id, input.minReplicas), field: "minReplicas" });
      const [row] = await tx
        .insert(endpoints)
        .values({
          id,
          orgId,
          name: input.name,
          modelId: model.id,
          shapeId: shape.id,
          regionId: zone.regionId,
          zoneId: zone.id,
          minReplicas: input.minReplicas,
          maxReplicas: input.maxReplicas,
          autoscaling: input.autoscaling,
          status: "provisioning",
          coldStartSeconds: model.coldStartSeconds,
          createdBy: principal.userId,
        })
        .returning();
      const op = await recordOperation(tx, {
        orgId,
        kind: "endpoint.create",
        targetKind: "endpoint",
        targetId: id,
        targetName: input.name,
        request: { ...spec },
        submission: { type: "create", spec },
        fingerprint,
        idempotencyKey: options.idempotencyKey,
        principal,
      });
      await reserveGpus(tx, row, 0);
      await recordAllocation(tx, principal, orgId, { kind: "endpoint", id }, allocation);
      await recordAudit(tx, principal, orgId, {
        action: "endpoint.create",
        targetType: "endpoint",
        targetId: id,
        data: { approvalRequestId: options.approvedRequestId ?? null, name: input.name, modelId: model.id, shapeId: shape.id, zoneId: zone.id, minReplicas: input.minReplicas, maxReplicas: input.maxReplicas, operationId: op.id },
      });
      await options.outcome?.recordIn(tx, { kind: "operation", operation: toOperation(op) });
      return { op, fresh: true };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("already_exists", "an endpoint with this name exists", { field: "name" });
    throw error;
  }

  const { op } = recorded;
  if (recorded.fresh) {
    const { refusal } = await submitRecorded(db, cp, op);
    if (refusal) throw new AppError(refusal.code as never, refusal.message, { field: refusal.code === "capacity_unavailable" ? "zoneId" : undefined, ...refusal.details });
  }
  const latest = (await loadOperationRow(db, orgId, op.id)) ?? op;
  return accepted(withAccepted(toEndpointView(await loadEndpoint(db, orgId, op.targetId, { includeDeleted: true }), latest), latest));
}

const accepted = (endpoint: EndpointChange): EndpointOrder => ({ kind: "operation", operation: endpoint.accepted, endpoint });

/**
 * Creating an endpoint when the caller knows no 稟議 rule applies (tests, seeds, the demo): the
 * endpoint with its operation, or a business_rule refusal naming the request it was held in.
 */
export async function createEndpoint(cp: ControlPlane, principal: Principal, slug: string, raw: CreateEndpointInputRaw, options: { idempotencyKey?: string } = {}): Promise<EndpointChange> {
  const result = await orderEndpoint(cp, principal, slug, raw, options);
  if (result.kind === "operation") return result.endpoint;
  throw new AppError("business_rule", "this order is held for approval (稟議)", { approvalRequestId: result.approvalRequest.id });
}
