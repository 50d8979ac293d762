import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { SimContext } from "./context";
import { isUniqueViolation, transaction } from "./db";
import { cpIdempotencyKeys } from "./schema";

// Every mutating call carries an idempotency key. The key is recorded in the same transaction
// that does the work, so either both happen or neither: a failed call (capacity, conflict) is not
// remembered and may be retried with the same key; a successful one returns its operation forever.

/** Canonical JSON (sorted keys), so two equal requests hash alike whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export function requestHash(kind: string, targetId: string, body: unknown): string {
  return createHash("sha256").update(canonical({ kind, targetId, body })).digest("hex");
}

class KeyTaken extends Error {}

function checkKey(key: string): void {
  if (typeof key !== "string" || key.length < 1 || key.length > 255) {
    throw new AppError("validation_failed", "an idempotency key of 1–255 characters is required");
  }
}

async function existing(db: DbOrTx, key: string, hash: string): Promise<string | null> {
  const [row] = await db.select().from(cpIdempotencyKeys).where(eq(cpIdempotencyKeys.key, key));
  if (!row) return null;
  if (row.requestHash !== hash) {
    throw new AppError("idempotency_key_reused", "this idempotency key was used for a different request");
  }
  return row.operationId;
}

/**
 * Runs `work` (which must insert the operation `operationId`) once per key. Returns the id of
 * the operation: the new one, or the first one for a repeated key.
 * `onUniqueViolation` maps a duplicate resource id to the caller's error.
 */
export async function runIdempotent(
  ctx: SimContext,
  key: string,
  hash: string,
  work: (tx: DbOrTx, operationId: string) => Promise<void>,
  onUniqueViolation: () => AppError,
): Promise<string> {
  checkKey(key);
  const first = await existing(ctx.db, key, hash);
  if (first) return first;
  const operationId = newId("operation", ctx.clock.now());
  try {
    await transaction(ctx.db, async (tx) => {
      // Claimed first: a concurrent request with the same key waits here for this one's outcome.
      const claimed = await tx
        .insert(cpIdempotencyKeys)
        .values({ key, requestHash: hash, operationId, createdAt: new Date(ctx.clock.now()) })
        .onConflictDoNothing()
        .returning({ key: cpIdempotencyKeys.key });
      if (claimed.length === 0) throw new KeyTaken();
      await work(tx, operationId);
    });
    return operationId;
  } catch (error) {
    if (error instanceof KeyTaken) {
      const winner = await existing(ctx.db, key, hash);
      if (winner) return winner;
    }
    if (isUniqueViolation(error)) throw onUniqueViolation();
    throw error;
  }
}
