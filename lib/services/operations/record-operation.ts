import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { QueueTicket } from "@/lib/domain/queued-orders";
import type { OperationRow } from "./adapter";

// Recording an operation, and the one place an Idempotency-Key is honoured for long-running
// work: the key is stored on the operation, committed in the transaction that records the order,
// so a retry — after a timeout or a crash at any point — finds the one operation there is.

export function fingerprintOf(kind: string, targetId: string | null, request: unknown): string {
  return createHash("sha256").update(JSON.stringify([kind, targetId, request])).digest("hex").slice(0, 32);
}

/**
 * The operation already recorded under this Idempotency-Key: the same intent returns it again, a
 * different intent under the same key is refused (idempotency_key_reused).
 */
export async function replayOf(db: DbOrTx, orgId: string, key: string | undefined, fingerprint: string, options: { internal?: boolean } = {}): Promise<OperationRow | null> {
  if (!key) return null;
  // A key the system derives (e.g. "approval-request areq_…") contains a space, which no client key may.
  if (!options.internal && !/^[\x21-\x7e]{1,255}$/.test(key)) throw new AppError("bad_request", "invalid Idempotency-Key", { header: "Idempotency-Key" });
  const [row] = await db
    .select()
    .from(operations)
    .where(and(eq(operations.orgId, orgId), eq(operations.idempotencyKey, key)))
    .limit(1);
  if (!row) return null;
  if ((row.submission as { fingerprint?: string }).fingerprint !== fingerprint) throw new AppError("idempotency_key_reused");
  return row;
}

export interface NewOperation {
  orgId: string;
  /** `<targetKind>.<verb>`. */
  kind: string;
  targetKind: string;
  targetId: string;
  targetName: string;
  /** What the customer asked for (history, the public Operation's `request`). */
  request: Record<string, unknown>;
  /** What the adapter sends to the control plane and restores on failure. */
  submission: Record<string, unknown>;
  /** The intent the Idempotency-Key stands for (fingerprintOf). */
  fingerprint: string;
  idempotencyKey?: string;
  principal: Principal;
  /**
   * Finished at once without the control plane (e.g. deleting an order it never accepted), or
   * `queued`: waiting in its zone's capacity queue until what it asks for fits (needs `queue`).
   */
  status?: "queued" | "pending" | "succeeded";
  /** 空き待ち: the order may wait for capacity; a capacity refusal puts it (back) in the queue. */
  queue?: QueueTicket;
}

export function requesterOf(principal: Principal): string {
  return principal.kind === "api_token" ? `${principal.name} (API token)` : principal.email;
}

export async function recordOperation(tx: DbOrTx, op: NewOperation): Promise<OperationRow> {
  const now = new Date();
  const done = op.status === "succeeded";
  const queued = op.status === "queued";
  const [row] = await tx
    .insert(operations)
    .values({
      id: newId("operation"),
      orgId: op.orgId,
      kind: op.kind,
      targetKind: op.targetKind,
      targetId: op.targetId,
      targetName: op.targetName,
      status: op.status ?? "pending",
      progress: done ? 100 : 0,
      steps: [],
      currentStep: done ? null : queued ? "waiting_for_capacity" : "submitting",
      request: op.request,
      submission: { ...op.submission, fingerprint: op.fingerprint, ...(op.queue ? { queue: op.queue } : {}) },
      idempotencyKey: op.idempotencyKey ?? null,
      requestedBy: requesterOf(op.principal),
      requestedByUserId: op.principal.kind === "system" ? null : op.principal.userId,
      createdAt: now,
      updatedAt: now,
      finishedAt: done ? now : null,
    })
    .returning();
  return row;
}

export async function loadOperationRow(db: DbOrTx, orgId: string, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(operations).where(and(eq(operations.orgId, orgId), eq(operations.id, id))).limit(1);
  return row;
}

/** Unfinished: waiting for capacity, waiting to be submitted, or followed on the control plane. */
export const OPEN_STATUSES = ["queued", "pending", "running"] as const;

/** Unfinished operations of these resources, oldest first. */
export async function openOperationsOf(db: DbOrTx, orgId: string, targetIds: string[]): Promise<OperationRow[]> {
  if (targetIds.length === 0) return [];
  return db
    .select()
    .from(operations)
    .where(and(eq(operations.orgId, orgId), inArray(operations.targetId, targetIds), inArray(operations.status, [...OPEN_STATUSES])))
    .orderBy(operations.id);
}

/** Ends an operation the control plane never accepted (the order was withdrawn). */
export async function cancelOperation(tx: DbOrTx, id: string, message: string, now = new Date()): Promise<void> {
  await tx
    .update(operations)
    .set({ status: "cancelled", error: { code: "cancelled", message }, finishedAt: now, updatedAt: now, nextAttemptAt: null, currentStep: null })
    .where(and(eq(operations.id, id), inArray(operations.status, ["queued", "pending"])));
}

/** The queue ticket of a queued operation (what it waits for), or null. */
export const queueTicketOf = (row: OperationRow): QueueTicket | null => ((row.submission as { queue?: QueueTicket }).queue ?? null);
