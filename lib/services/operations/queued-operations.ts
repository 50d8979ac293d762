import "server-only";
import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import { isAppError } from "@/lib/domain/errors";
import type { OperationError, OperationRow } from "./adapter";
import { adapterFor } from "./registry";
import { finish, lockIn, submitOperation } from "./run-operations";
import { wakeOperationsRunner } from "./wake-runner";

// The engine's transitions out of `queued` (空き待ち, see README.md "The capacity queue"):
//
//   queued ──start──▶ pending ──▶ (the ordinary state machine)
//     │  └─ the order's own checks now say no (quota, residency): failed, with that reason
//     ├─ its deadline passed: failed (queue_deadline_passed)
//     └─ the customer withdrew it: cancelled
//
// Each transition locks the row and acts only if it is still queued, so two instances of the
// queue's round never start one order twice; the control plane takes the operation id as its
// idempotency key besides.

export type StartResult = "started" | "failed" | "taken";

/** Starts one queued operation: re-runs its checks, takes what it holds, submits it. */
export async function startQueuedOperation(db: Db, cp: ControlPlane, id: string, now = new Date()): Promise<StartResult> {
  let started: OperationRow | null = null;
  let refusal: OperationError | null = null;
  try {
    await db.transaction(async (tx) => {
      const row = await lockIn(tx, id, "queued");
      if (!row) return;
      const adapter = adapterFor(row.targetKind);
      await adapter.startQueued?.(tx, row, now);
      [started] = await tx
        .update(operations)
        .set({ status: "pending", currentStep: "submitting", nextAttemptAt: null, updatedAt: now })
        .where(eq(operations.id, row.id))
        .returning();
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    refusal = { code: error.code, message: error.message };
  }
  if (refusal) return (await endQueuedOperation(db, id, "failed", refusal, now)) ? "failed" : "taken";
  if (!started) return "taken";
  try {
    await submitOperation(db, cp, started, now);
  } finally {
    wakeOperationsRunner();
  }
  return "started";
}

/**
 * Ends a queued operation without starting it (its deadline passed, or it was cancelled): the
 * adapter rolls its order back as for a failure. False when it was no longer queued.
 */
export async function endQueuedOperation(
  db: Db,
  id: string,
  status: "failed" | "cancelled",
  error: OperationError,
  now = new Date(),
  /** Written in the same transaction when it ends (e.g. the customer's audit entry). */
  alongside?: (tx: DbOrTx, row: OperationRow) => Promise<void>,
): Promise<boolean> {
  let ended = false;
  await db.transaction(async (tx) => {
    const row = await lockIn(tx, id, "queued");
    if (!row) return;
    ended = true;
    await alongside?.(tx, row);
    const adapter = adapterFor(row.targetKind);
    if (status === "failed") {
      await finish(tx, adapter, row, { status: "failed", error, refusedAtSubmit: true, observed: null }, now);
      return;
    }
    const [done] = await tx
      .update(operations)
      .set({ status: "cancelled", error, finishedAt: now, updatedAt: now, nextAttemptAt: null, currentStep: null })
      .where(eq(operations.id, row.id))
      .returning();
    await adapter.applyOutcome(tx, done, { status: "failed", error, refusedAtSubmit: true, observed: null }, now);
  });
  return ended;
}
