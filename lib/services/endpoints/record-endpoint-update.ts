import "server-only";
import { autoscalingOf } from "@/lib/domain/control-plane";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpoints } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { OperationRow } from "../operations/adapter";
import { recordOperation } from "../operations/record-operation";
import { recordAudit } from "../audit/record";
import { reserveGpus } from "./apply-control-plane-endpoint";
import type { EndpointPreviousSettings, EndpointSubmission } from "./endpoint-operations";
import type { EndpointRow } from "./records";

// The one way an endpoint's replicas change: the order written on the endpoint, its GPUs held,
// an `endpoint.update` operation recorded for the engine, and the audit entry — all in the
// caller's transaction, on a row the caller has locked and checked. A customer's PATCH
// (update-endpoint.ts) and a budget's soft action (billing/scale-endpoints-to-minimum.ts) both
// come through here, so both are operations the runner follows and the list shows.

export interface EndpointUpdateOrder {
  principal: Principal;
  row: EndpointRow;
  change: EndpointPreviousSettings;
  fingerprint: string;
  idempotencyKey?: string;
  /** The control plane's idempotency key when it is not the operation id (see EndpointSubmission). */
  controlPlaneKey?: string;
  /** Said in the audit entry beside the change (e.g. the budget that asked for it). */
  auditData?: Record<string, unknown>;
}

export async function recordEndpointUpdate(tx: DbOrTx, order: EndpointUpdateOrder): Promise<OperationRow> {
  const { row, change } = order;
  const submission: Extract<EndpointSubmission, { type: "update" }> = {
    type: "update",
    change,
    previous: { minReplicas: row.minReplicas, maxReplicas: row.maxReplicas, autoscaling: autoscalingOf(row.autoscaling) },
    ...(order.controlPlaneKey ? { key: order.controlPlaneKey } : {}),
  };
  await tx
    .update(endpoints)
    .set({ status: "updating", minReplicas: change.minReplicas, maxReplicas: change.maxReplicas, autoscaling: change.autoscaling, updatedAt: new Date() })
    .where(and(eq(endpoints.orgId, row.orgId), eq(endpoints.id, row.id)));
  await reserveGpus(tx, { ...row, minReplicas: change.minReplicas }, row.replicasCurrent);
  const recorded = await recordOperation(tx, {
    orgId: row.orgId,
    kind: "endpoint.update",
    targetKind: "endpoint",
    targetId: row.id,
    targetName: row.name,
    request: { ...change },
    submission,
    fingerprint: order.fingerprint,
    idempotencyKey: order.idempotencyKey,
    principal: order.principal,
  });
  await recordAudit(tx, order.principal, row.orgId, {
    action: "endpoint.update",
    targetType: "endpoint",
    targetId: row.id,
    data: { change, previous: submission.previous, operationId: recorded.id, ...order.auditData },
  });
  return recorded;
}
