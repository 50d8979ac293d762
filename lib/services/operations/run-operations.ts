import "server-only";
import { and, eq, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import type { ControlPlane } from "@/lib/control-plane";
import type { Operation as ControlPlaneOperation } from "@/lib/domain/control-plane";
import { notifyOperationOutcome } from "../notifications/operation-outcome";
import type { OperationAdapter, OperationError, OperationRow, Outcome } from "./adapter";
import { queueTicketOf } from "./record-operation";
import { adapterFor } from "./registry";
import { backoffMs, describeError, isTemporary } from "./retry-rule";
import { wakeOperationsRunner } from "./wake-runner";

// The engine's one state machine, for every resource kind:
//
//   pending ──submit──▶ running ──follow──▶ succeeded | failed
//      │  └─ temporary error: stays pending, retried with backoff (retry-rule.ts)
//      ├─ final refusal: failed (the adapter rolls its resource back)
//      └─ withdrawn before the control plane accepted it: cancelled (record-operation.ts)
//
// Every transition re-reads the row under a lock and acts only if it is still in the expected
// state, so two runners (or a mutation's own first submission beside the runner) never apply an
// outcome twice; the control plane takes the operation id as its idempotency key, so a submission
// sent twice does the work once. The control plane is never called inside a transaction: the
// embedded one shares this database.

export interface SubmitResult {
  /** The control plane's final refusal (the operation failed and its resource was rolled back). */
  refusal: (OperationError & { details?: Record<string, unknown> }) | null;
}

const stepsOf = (op: ControlPlaneOperation) => op.steps.map((s) => ({ name: s.name, status: s.status }));
const currentStepOf = (op: ControlPlaneOperation) => op.steps.find((s) => s.status === "running" || s.status === "failed")?.name ?? null;

export async function lockIn(tx: DbOrTx, id: string, status: "queued" | "pending" | "running"): Promise<OperationRow | null> {
  const [row] = await tx.select().from(operations).where(eq(operations.id, id)).for("update");
  return row && row.status === status ? row : null;
}

async function observe(adapter: OperationAdapter, cp: ControlPlane, row: OperationRow, status: Outcome<unknown>["status"]): Promise<unknown> {
  if (!adapter.observe) return null;
  return adapter.observe(cp, row, status).catch(() => null);
}

/** Records the end of an operation and applies it to its resource (caller's transaction). */
export async function finish(tx: DbOrTx, adapter: OperationAdapter, row: OperationRow, outcome: Outcome<unknown> & { status: "succeeded" | "failed" }, now: Date): Promise<void> {
  const error = outcome.status === "failed" ? (outcome.error ?? { code: "provisioning_failed", message: "the control plane reported a failure" }) : null;
  const [done] = await tx
    .update(operations)
    .set({ status: outcome.status, error, progress: outcome.status === "succeeded" ? 100 : row.progress, finishedAt: now, updatedAt: now, nextAttemptAt: null })
    .where(eq(operations.id, row.id))
    .returning();
  await adapter.applyOutcome(tx, done, { ...outcome, error }, now);
  await notifyOperationOutcome(tx, {
    orgId: row.orgId,
    operationId: row.id,
    kind: row.kind,
    target: { kind: row.targetKind as "cluster" | "endpoint" | "reservation", id: row.targetId, name: row.targetName ?? row.targetId },
    requestedBy: row.requestedByUserId,
    status: outcome.status,
    reason: error?.message,
    startedAt: row.createdAt,
    finishedAt: now,
  });
}

/** Submits one pending operation to the control plane. */
export async function submitOperation(db: Db, cp: ControlPlane, row: OperationRow, now = new Date()): Promise<SubmitResult> {
  const adapter = adapterFor(row.targetKind);
  let accepted: ControlPlaneOperation;
  try {
    accepted = await adapter.submit(cp, row);
  } catch (error) {
    const described = describeError(error);
    if (isTemporary(error)) {
      const attempts = row.attempts + 1;
      await db
        .update(operations)
        .set({ attempts, lastError: described.message.slice(0, 500), nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)), currentStep: "waiting_for_control_plane", updatedAt: now })
        .where(and(eq(operations.id, row.id), eq(operations.status, "pending")));
      return { refusal: null };
    }
    if (described.code === "capacity_unavailable" && queueTicketOf(row) && adapter.returnToQueue) {
      // A queued order started on capacity someone else took first: it waits again, in its place.
      await returnToQueue(db, adapter, row, described.message, now);
      return { refusal: null };
    }
    const observed = await observe(adapter, cp, row, "failed");
    let refused = false;
    await db.transaction(async (tx) => {
      const open = await lockIn(tx, row.id, "pending");
      if (!open) return;
      refused = true;
      await tx.update(operations).set({ attempts: open.attempts + 1 }).where(eq(operations.id, open.id));
      await finish(tx, adapter, { ...open, attempts: open.attempts + 1 }, { status: "failed", error: { code: described.code, message: described.message }, refusedAtSubmit: true, observed }, now);
    });
    adapter.afterCommit?.(row);
    return { refusal: refused ? described : null };
  }
  let running: OperationRow | null = null;
  await db.transaction(async (tx) => {
    const open = await lockIn(tx, row.id, "pending");
    if (!open) return;
    [running] = await tx
      .update(operations)
      .set({
        status: "running",
        controlPlaneOperationId: accepted.id,
        attempts: open.attempts + 1,
        lastError: null,
        nextAttemptAt: null,
        progress: accepted.progress,
        steps: stepsOf(accepted),
        currentStep: currentStepOf(accepted),
        updatedAt: now,
      })
      .where(eq(operations.id, open.id))
      .returning();
    await adapter.accepted?.(tx, running!, now);
  });
  if (running) await settle(db, cp, adapter, running, accepted, now);
  return { refusal: null };
}

async function returnToQueue(db: Db, adapter: OperationAdapter, row: OperationRow, message: string, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const open = await lockIn(tx, row.id, "pending");
    if (!open) return;
    const [queued] = await tx
      .update(operations)
      .set({ status: "queued", attempts: open.attempts + 1, lastError: message.slice(0, 500), currentStep: "waiting_for_capacity", nextAttemptAt: null, updatedAt: now })
      .where(eq(operations.id, open.id))
      .returning();
    await adapter.returnToQueue!(tx, queued, now);
  });
}

/** Reads the control plane's operation and records its progress or its outcome. */
export async function followOperation(db: Db, cp: ControlPlane, row: OperationRow, now = new Date()): Promise<void> {
  if (!row.controlPlaneOperationId) return;
  let remote: ControlPlaneOperation;
  try {
    remote = await cp.getOperation(row.controlPlaneOperationId);
  } catch (error) {
    await db.update(operations).set({ lastError: describeError(error).message.slice(0, 500), updatedAt: now }).where(eq(operations.id, row.id));
    return;
  }
  await settle(db, cp, adapterFor(row.targetKind), row, remote, now);
}

async function settle(db: Db, cp: ControlPlane, adapter: OperationAdapter, row: OperationRow, remote: ControlPlaneOperation, now: Date): Promise<void> {
  const status = remote.status === "running" ? "running" : remote.status;
  const observed = await observe(adapter, cp, row, status);
  await db.transaction(async (tx) => {
    const open = await lockIn(tx, row.id, "running");
    if (!open) return;
    const [progressed] = await tx
      .update(operations)
      .set({ progress: remote.progress, steps: stepsOf(remote), currentStep: currentStepOf(remote), lastError: null, updatedAt: now })
      .where(eq(operations.id, open.id))
      .returning();
    if (status === "running") {
      await adapter.applyOutcome(tx, progressed, { status, error: null, refusedAtSubmit: false, observed }, now);
      return;
    }
    await finish(tx, adapter, progressed, { status, error: remote.error ?? null, refusedAtSubmit: false, observed }, now);
  });
  adapter.afterCommit?.(row);
}

export interface RunOptions {
  orgId?: string;
  targetId?: string;
  /** The clock for backoff (tests move it on). */
  now?: Date;
}

/**
 * One round of the runner: submit what is pending and due, follow what is running. Only open
 * operations are read (one indexed query when there are none).
 */
export async function runOperations(db: Db, cp: ControlPlane, options: RunOptions = {}): Promise<{ submitted: number; followed: number }> {
  const now = options.now ?? new Date();
  const open = await db
    .select()
    .from(operations)
    .where(
      and(
        inArray(operations.status, ["pending", "running"]),
        options.orgId ? eq(operations.orgId, options.orgId) : undefined,
        options.targetId ? eq(operations.targetId, options.targetId) : undefined,
        or(eq(operations.status, "running"), isNull(operations.nextAttemptAt), lte(operations.nextAttemptAt, now)),
      ),
    )
    .orderBy(operations.id)
    .limit(500);
  let submitted = 0;
  let followed = 0;
  for (const row of open) {
    try {
      if (row.status === "pending") {
        await submitOperation(db, cp, row, now);
        submitted++;
      } else {
        await followOperation(db, cp, row, now);
        followed++;
      }
    } catch (error) {
      // One operation's bug must not stall everyone else's.
      console.error(`[operations] ${row.id} (${row.kind}):`, error instanceof Error ? error.message : error);
    }
  }
  return { submitted, followed };
}

/**
 * What a mutation does after committing its order: submits it at once (the caller sees a final
 * refusal as its answer) and wakes the runner to follow it.
 */
export async function submitRecorded(db: Db, cp: ControlPlane, row: OperationRow): Promise<SubmitResult> {
  try {
    return await submitOperation(db, cp, row);
  } finally {
    wakeOperationsRunner();
  }
}
