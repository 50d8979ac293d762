import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { operations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { ConsoleOperation, ConsoleOperationKind } from "@/lib/domain/clusters-operations";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { OperationRow } from "./cluster-records";

// The console's record of long-running operations (the `operations` table). Clusters write
// them; endpoints can reuse `insertOperation` and `toConsoleOperation` for theirs.

export function toConsoleOperation(row: OperationRow): ConsoleOperation {
  const current = row.steps.find((s) => s.status === "running" || s.status === "failed")?.name ?? row.currentStep ?? null;
  return {
    id: row.id,
    kind: row.kind as ConsoleOperationKind,
    target: { kind: row.targetKind as "cluster" | "endpoint", id: row.targetId, name: row.targetName },
    status: row.status as ConsoleOperation["status"],
    progress: row.progress,
    steps: row.steps.map((s) => ({ name: s.name, status: s.status as ConsoleOperation["steps"][number]["status"] })),
    currentStep: current,
    error: row.error ?? null,
    request: row.request,
    attempts: row.attempts,
    requestedBy: row.requestedBy,
    startedAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

export function fingerprintOf(kind: string, targetId: string | null, request: unknown): string {
  return createHash("sha256").update(JSON.stringify([kind, targetId, request])).digest("hex").slice(0, 32);
}

/**
 * An operation already recorded under this Idempotency-Key: the same intent returns it again,
 * a different intent under the same key is refused.
 */
export async function findByIdempotencyKey(db: DbOrTx, orgId: string, key: string | undefined, fingerprint: string): Promise<OperationRow | null> {
  if (!key) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new AppError("bad_request", "invalid Idempotency-Key", { header: "Idempotency-Key" });
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
  kind: ConsoleOperationKind;
  targetKind: "cluster" | "endpoint";
  targetId: string;
  targetName: string;
  request: Record<string, unknown>;
  /** What the sync loop sends to the control plane and restores on failure. */
  submission: Record<string, unknown>;
  fingerprint: string;
  idempotencyKey?: string;
  principal: Principal;
  /** Finished at once (e.g. deleting an order the control plane never accepted). */
  status?: "pending" | "succeeded";
}

export async function insertOperation(tx: DbOrTx, op: NewOperation): Promise<OperationRow> {
  const now = new Date();
  const done = op.status === "succeeded";
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
      currentStep: done ? null : "submitting",
      request: op.request,
      submission: { ...op.submission, fingerprint: op.fingerprint },
      idempotencyKey: op.idempotencyKey ?? null,
      requestedBy: op.principal.kind === "api_token" ? `${op.principal.name} (API token)` : op.principal.email,
      createdAt: now,
      updatedAt: now,
      finishedAt: done ? now : null,
    })
    .returning();
  return row;
}

export async function loadOperation(db: DbOrTx, orgId: string, id: string): Promise<OperationRow | undefined> {
  const [row] = await db.select().from(operations).where(and(eq(operations.orgId, orgId), eq(operations.id, id))).limit(1);
  return row;
}
