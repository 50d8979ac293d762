import "server-only";
import { and, asc, eq, isNull } from "drizzle-orm";
import { autoscalingOf } from "@/lib/domain/control-plane";
import type { DbOrTx } from "@/lib/db/client";
import { endpoints, operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { OperationRow } from "../operations/adapter";
import { fingerprintOf, openOperationsOf } from "../operations/record-operation";
import { recordEndpointUpdate } from "../endpoints/record-endpoint-update";

// A budget's soft action at 100 %: each of the org's running endpoints may keep no more replicas
// than its minimum (at least one, so an endpoint that scales to zero still answers). Nothing is
// deleted and nothing below the minimum is touched; raising the maximum again undoes it.
//
// Each cap is an ordinary `endpoint.update` operation, recorded in the transaction that decides
// the crossing (so a crash cannot lose it) and carried out by the operations engine like a
// customer's change; its audit entry is the system's and names the budget. The operation's
// Idempotency-Key and the control plane's key are derived from (budget, month, endpoint): a
// second evaluation — on this instance or another — finds the operation already recorded, and a
// resent submission is one change at the control plane. An endpoint busy with another operation
// (or not running) is left as it is and not listed.

/** The reason a soft action acts: the budget and the JST month whose spend crossed 100 %. */
export interface SoftActionReason {
  budgetId: string;
  month: string;
}

export const softActionControlPlaneKey = (reason: SoftActionReason, endpointId: string) => `budget-soft-action:${reason.budgetId}:${reason.month}:${endpointId}`;

// A space cannot appear in a client's Idempotency-Key (record-operation.ts), so no request can
// take this key first.
const softActionIdempotencyKey = (reason: SoftActionReason, endpointId: string) => `system ${softActionControlPlaneKey(reason, endpointId)}`;

async function recordedAlready(tx: DbOrTx, orgId: string, idempotencyKey: string): Promise<boolean> {
  const [row] = await tx.select({ id: operations.id }).from(operations).where(and(eq(operations.orgId, orgId), eq(operations.idempotencyKey, idempotencyKey))).limit(1);
  return row !== undefined;
}

/** Records the caps (caller's transaction); returns the operations to submit after the commit. */
export async function scaleEndpointsToMinimum(tx: DbOrTx, system: Principal, orgId: string, reason: SoftActionReason): Promise<OperationRow[]> {
  const live = await tx
    .select()
    .from(endpoints)
    .where(and(eq(endpoints.orgId, orgId), eq(endpoints.status, "running"), isNull(endpoints.deletedAt)))
    .orderBy(asc(endpoints.id))
    .for("update");
  const recorded: OperationRow[] = [];
  for (const row of live) {
    const ceiling = Math.max(1, row.minReplicas);
    if (row.maxReplicas <= ceiling) continue;
    const change = { minReplicas: row.minReplicas, maxReplicas: ceiling, autoscaling: autoscalingOf(row.autoscaling) };
    const fingerprint = fingerprintOf("endpoint.update", row.id, { softAction: reason });
    const idempotencyKey = softActionIdempotencyKey(reason, row.id);
    if (await recordedAlready(tx, orgId, idempotencyKey)) continue;
    if ((await openOperationsOf(tx, orgId, [row.id])).length > 0) continue;
    recorded.push(
      await recordEndpointUpdate(tx, {
        principal: system,
        row,
        change,
        fingerprint,
        idempotencyKey,
        controlPlaneKey: softActionControlPlaneKey(reason, row.id),
        auditData: { budgetId: reason.budgetId, month: reason.month, reason: "budget_soft_action" },
      }),
    );
  }
  return recorded;
}
