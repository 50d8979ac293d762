import "server-only";
import { createHash } from "node:crypto";
import { and, eq, lt } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { idempotencyRecords } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";

// Idempotency-Key on POST: the first request with a key claims it (a row with status 0) before
// doing any work, so two concurrent requests with the same key can never both execute. A
// repeat with the same body replays the stored response; a different body is a 422.

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Claim = { kind: "claimed" } | { kind: "replay"; response: StoredResponse };

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const RETENTION_MS = 24 * 60 * 60 * 1000;

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

export async function claimIdempotencyKey(db: Db, scope: string, key: string, fingerprint: string): Promise<Claim> {
  if (!KEY_PATTERN.test(key)) throw new AppError("bad_request", "invalid Idempotency-Key", { header: "Idempotency-Key" });
  const inserted = await db
    .insert(idempotencyRecords)
    .values({ scope, key, requestHash: fingerprint, status: 0 })
    .onConflictDoNothing()
    .returning({ key: idempotencyRecords.key });
  if (inserted.length > 0) return { kind: "claimed" };
  const [existing] = await db
    .select()
    .from(idempotencyRecords)
    .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)))
    .limit(1);
  if (!existing) return claimIdempotencyKey(db, scope, key, fingerprint);
  if (existing.requestHash !== fingerprint) throw new AppError("idempotency_key_reused");
  if (existing.status === 0) throw new AppError("conflict", "a request with this Idempotency-Key is still in progress");
  return { kind: "replay", response: { status: existing.status, body: existing.body, headers: existing.headers ?? {} } };
}

export async function completeIdempotencyKey(db: Db, scope: string, key: string, response: StoredResponse): Promise<void> {
  await db
    .update(idempotencyRecords)
    .set({ status: response.status, body: response.body as object, headers: response.headers })
    .where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)));
}

/** A failed request releases its key, so the client may retry with the same one. */
export async function releaseIdempotencyKey(db: Db, scope: string, key: string): Promise<void> {
  await db.delete(idempotencyRecords).where(and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key)));
}

export async function pruneIdempotencyRecords(db: Db, now = new Date()): Promise<void> {
  await db.delete(idempotencyRecords).where(lt(idempotencyRecords.createdAt, new Date(now.getTime() - RETENTION_MS)));
}
