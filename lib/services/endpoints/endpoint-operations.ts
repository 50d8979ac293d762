import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import type { ControlPlane } from "@/lib/control-plane";
import { endpoints } from "@/lib/db/schema";
import type { Endpoint as ControlPlaneEndpoint, EndpointAutoscaling, EndpointChange, EndpointSpecInput } from "@/lib/domain/control-plane";
import { defineOperationAdapter, type OperationRow, type Outcome } from "../operations/adapter";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { applyControlPlaneEndpoint } from "./apply-control-plane-endpoint";
import { invalidateEndpoint } from "./gateway-cache";

// The endpoints' adapter for the operations engine (lib/services/operations): what an endpoint
// operation sends to the control plane, and what its outcome does to the order. A refusal undoes
// what the order changed in the console; anything else copies the control plane's endpoint.

export interface EndpointPreviousSettings {
  minReplicas: number;
  maxReplicas: number;
  autoscaling: EndpointAutoscaling;
}

export type EndpointSubmission =
  | { type: "create"; spec: EndpointSpecInput }
  // `key`: an update the system orders for its own reason (a budget's soft action) names the
  // control plane's idempotency key after that reason, so the same reason never sends two changes.
  | { type: "update"; change: EndpointChange; previous: EndpointPreviousSettings; key?: string }
  | { type: "delete" };

export const endpointOperations = defineOperationAdapter<ControlPlaneEndpoint>({
  targetKind: "endpoint",
  readPermission: "endpoints.read",

  submit: (cp, row) => send(cp, row.id, row.targetId, row.submission as unknown as EndpointSubmission),

  // A create in progress shows its replicas coming up; others matter once they end.
  async observe(cp, row, status) {
    return status === "running" && row.kind !== "endpoint.create" ? null : cp.getEndpoint(row.targetId);
  },

  applyOutcome: applyEndpointOutcome,

  afterCommit(row) {
    invalidateEndpoint(row.targetId);
  },
});

/** The control plane call for each kind of change; the operation id is its idempotency key. */
function send(cp: ControlPlane, key: string, endpointId: string, submission: EndpointSubmission) {
  if (submission.type === "create") return cp.createEndpoint(submission.spec, key);
  if (submission.type === "update") return cp.updateEndpoint(endpointId, submission.change, submission.key ?? key);
  return cp.deleteEndpoint(endpointId, key);
}

async function applyEndpointOutcome(tx: DbOrTx, op: OperationRow, outcome: Outcome<ControlPlaneEndpoint>, now: Date): Promise<void> {
  const where = and(eq(endpoints.orgId, op.orgId), eq(endpoints.id, op.targetId));
  const [row] = await tx.select().from(endpoints).where(where).for("update");
  if (!row) return;
  if (outcome.refusedAtSubmit) {
    const submission = op.submission as unknown as EndpointSubmission;
    const reason = outcome.error?.message ?? "refused by the control plane";
    if (submission.type === "create") {
      // Refused at the first attempt (the caller sees the error): nothing exists, so nothing is
      // kept. Refused later (after an outage): the order stays, failed, with the reason.
      const first = op.attempts <= 1;
      await tx
        .update(endpoints)
        .set(first ? { status: "deleted", failureReason: reason, deletedAt: now, updatedAt: now } : { status: "failed", failureReason: reason, updatedAt: now })
        .where(where);
      await releaseGpuReservations(tx, op.orgId, op.targetId);
    } else if (submission.type === "update") {
      await tx.update(endpoints).set({ status: "running", ...submission.previous, updatedAt: now }).where(where);
    } else {
      await tx.update(endpoints).set({ status: row.failureReason === null ? "running" : "failed", updatedAt: now }).where(where);
    }
    return;
  }
  if (outcome.observed) await applyControlPlaneEndpoint(tx, row, outcome.observed, now);
}
