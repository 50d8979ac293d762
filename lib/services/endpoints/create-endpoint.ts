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

// Creates an inference endpoint: the console records the order and its operation (and the GPUs
// it will hold) in one audited transaction, then hands it to the control plane with the
// operation id as idempotency key. The endpoint appears at once as "provisioning"; the sync
// task follows it to "running" (or "failed", with the reason and its GPUs released).

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}

export async function createEndpoint(cp: ControlPlane, principal: Principal, slug: string, raw: CreateEndpointInputRaw, options: { idempotencyKey?: string } = {}): Promise<EndpointChange> {
  const input = CreateEndpointInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.write");
  const fingerprint = fingerprintOf("endpoint.create", null, input);
  const replay = await replayOf(db, orgId, options.idempotencyKey, fingerprint);
  if (replay) return withAccepted(toEndpointView(await loadEndpoint(db, orgId, replay.targetId, { includeDeleted: true }), replay), replay);
  const model = findModel(input.modelId);
  if (!model) throw new AppError("validation_failed", "unknown model", { field: "modelId" });
  const shape = findShape(input.shapeId);
  if (!shape) throw new AppError("validation_failed", "unknown shape", { field: "shapeId" });
  const zone = findZone(input.zoneId);
  if (!zone) throw new AppError("validation_failed", "unknown zone", { field: "zoneId" });
  const verdict = await evaluateEndpointOrder(db, cp, orgId, input);
  // Order of refusal: what the customer chose wrongly first, then what the fleet lacks.
  const order = ["model_unknown", "shape_unfit", "zone_unknown", "residency_violation", "name_invalid", "name_taken", "replicas_invalid", "quota_exceeded", "capacity_unavailable"];
  const first = [...verdict.problems].sort((a, b) => order.indexOf(a.code) - order.indexOf(b.code))[0];
  if (first) throw refusalFor(first);
  const allocation = await checkOrderAllocation(db, orgId, input);

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
  let op: OperationRow;
  try {
    op = await db.transaction(async (tx) => {
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
      const recorded = await recordOperation(tx, {
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
        data: { name: input.name, modelId: model.id, shapeId: shape.id, zoneId: zone.id, minReplicas: input.minReplicas, maxReplicas: input.maxReplicas, operationId: recorded.id },
      });
      return recorded;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("already_exists", "an endpoint with this name exists", { field: "name" });
    throw error;
  }

  const { refusal } = await submitRecorded(db, cp, op);
  if (refusal) throw new AppError(refusal.code as never, refusal.message, { field: refusal.code === "capacity_unavailable" ? "zoneId" : undefined, ...refusal.details });
  const latest = (await loadOperationRow(db, orgId, op.id)) ?? op;
  return withAccepted(toEndpointView(await loadEndpoint(db, orgId, id), latest), latest);
}
