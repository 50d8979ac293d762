import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "../audit/record";
import type { OperationRow } from "./adapter";
import { recordOperation } from "./record-operation";

// The record of a resource's deletion, whatever its kind: the `<kind>.delete` operation and its
// audit entry, in the caller's transaction. A withdrawal (an order the control plane never
// accepted) is a delete that finished at once: nothing to ask the control plane.

export interface Deletion {
  orgId: string;
  targetKind: "cluster" | "endpoint";
  targetId: string;
  targetName: string;
  fingerprint: string;
  idempotencyKey?: string;
  principal: Principal;
  withdrawn: boolean;
}

export async function recordDeletion(tx: DbOrTx, d: Deletion): Promise<OperationRow> {
  const kind = `${d.targetKind}.delete`;
  const op = await recordOperation(tx, {
    orgId: d.orgId,
    kind,
    targetKind: d.targetKind,
    targetId: d.targetId,
    targetName: d.targetName,
    request: { name: d.targetName },
    submission: { type: "delete" },
    fingerprint: d.fingerprint,
    idempotencyKey: d.idempotencyKey,
    principal: d.principal,
    status: d.withdrawn ? "succeeded" : "pending",
  });
  await recordAudit(tx, d.principal, d.orgId, { action: kind, targetType: d.targetKind, targetId: d.targetId, data: { name: d.targetName, operationId: op.id, withdrawn: d.withdrawn } });
  return op;
}
