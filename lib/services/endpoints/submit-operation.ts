import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { endpointOperations, endpoints } from "@/lib/db/schema";
import { getControlPlane } from "@/lib/control-plane";
import type { EndpointChange, EndpointSpecInput, Operation } from "@/lib/domain/control-plane";
import { isAppError } from "@/lib/domain/errors";
import { releaseGpuReservations } from "../quotas/gpu-reservations";
import { invalidateEndpoint } from "./gateway-cache";
import type { EndpointOperationRow } from "./records";
import { applyControlPlaneOperation } from "./sync-endpoints";

// Hands an order to the control plane. The console's operation id is the idempotency key, so
// sending it again — after a timeout, a restart or an outage — can never create twice. An
// unreachable control plane leaves the operation "submitting"; the sync task tries again.

export interface UpdateRequest {
  change: EndpointChange;
  previous: { minReplicas: number; maxReplicas: number; autoscaling: { metric: "concurrent_requests" | "tokens_per_second"; target: number } };
}

async function send(op: EndpointOperationRow): Promise<Operation> {
  const cp = await getControlPlane();
  switch (op.kind) {
    case "endpoint.create":
      return cp.createEndpoint(op.request as EndpointSpecInput, op.id);
    case "endpoint.update":
      return cp.updateEndpoint(op.endpointId, (op.request as UpdateRequest).change, op.id);
    case "endpoint.delete":
      return cp.deleteEndpoint(op.endpointId, op.id);
    default:
      throw new Error(`unknown operation kind ${op.kind}`);
  }
}

/** The control plane said no (not an outage): undo what the order changed in the console. */
async function reject(db: Db, op: EndpointOperationRow, error: { code: string; message: string }, firstAttempt: boolean): Promise<void> {
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.update(endpointOperations).set({ status: "failed", error, finishedAt: now, progress: 100 }).where(eq(endpointOperations.id, op.id));
    const where = and(eq(endpoints.orgId, op.orgId), eq(endpoints.id, op.endpointId));
    if (op.kind === "endpoint.create") {
      // Refused at once (the caller sees the error): nothing exists, so nothing is kept.
      // Refused later (after an outage): the order stays, failed, with the reason.
      await tx
        .update(endpoints)
        .set(firstAttempt ? { status: "deleted", failureReason: error.message, deletedAt: now, updatedAt: now } : { status: "failed", failureReason: error.message, updatedAt: now })
        .where(where);
      await releaseGpuReservations(tx, op.orgId, op.endpointId);
    } else if (op.kind === "endpoint.update") {
      const previous = (op.request as UpdateRequest).previous;
      await tx.update(endpoints).set({ status: "running", ...previous, updatedAt: now }).where(where);
    } else {
      await tx.execute(sql`update endpoints set status = case when failure_reason is null then 'running' else 'failed' end, updated_at = now() where org_id = ${op.orgId} and id = ${op.endpointId}`);
    }
  });
  invalidateEndpoint(op.endpointId);
}

/**
 * Sends the operation. Returns the error when the control plane refused it (the order has been
 * rolled back), null when it was accepted or must be retried later.
 */
export async function submitOperation(db: Db, op: EndpointOperationRow, options: { firstAttempt: boolean }): Promise<{ code: string; message: string; details?: Record<string, unknown> } | null> {
  let accepted: Operation;
  try {
    accepted = await send(op);
  } catch (error) {
    if (isAppError(error) && error.code !== "control_plane_unavailable" && error.code !== "internal") {
      const refusal = { code: error.code, message: error.message, details: error.details };
      await reject(db, op, { code: error.code, message: error.message }, options.firstAttempt);
      return refusal;
    }
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(endpointOperations)
      .set({ submitAttempts: sql`${endpointOperations.submitAttempts} + 1`, lastSubmitError: message.slice(0, 500) })
      .where(eq(endpointOperations.id, op.id));
    return null;
  }
  await db
    .update(endpointOperations)
    .set({ status: "running", controlPlaneOperationId: accepted.id, submitAttempts: sql`${endpointOperations.submitAttempts} + 1`, lastSubmitError: null })
    .where(and(eq(endpointOperations.id, op.id), eq(endpointOperations.status, "submitting")));
  await applyControlPlaneOperation(db, { ...op, status: "running", controlPlaneOperationId: accepted.id }, accepted);
  return null;
}
