import "server-only";
import { intervalSetting } from "@/lib/server/env-settings";
import { createHash, randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import { idempotencyRecords } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";

// Idempotency-Key on POST. The first request with a key claims it — a row with status 0 — before
// doing any work, so two concurrent requests with the same key never both execute. The claim is a
// lease, not a lock for ever: it names its holder (this process) and an expiry that the holder
// renews while it works. When the holder dies, the lease lapses and the client's retry takes the
// claim over (one conditional UPDATE, so only one retry wins) and does the work — once, because
// work that commits in one transaction records its answer in that transaction (OutcomeRecorder):
// if it committed, the record is complete and the retry gets the original answer. A repeat with
// the same body replays the stored answer; a different body is a 422. Secrets are never stored:
// the route names its secret fields, which are stored (and replayed) as null. Records are pruned
// after 24 hours.

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** A claim this process holds on (scope, key). */
export interface HeldClaim {
  scope: string;
  key: string;
  holder: string;
  /** The previous holder's lease had lapsed (it died, or stalled past its lease). */
  takenOver: boolean;
}

export type ClaimOutcome =
  | { kind: "claimed"; claim: HeldClaim }
  | { kind: "replay"; response: StoredResponse }
  | { kind: "busy"; retryAfterSeconds: number };

export interface ClaimRequest {
  scope: string;
  key: string;
  fingerprint: string;
  /** Who holds the claim; this process by default. */
  holder?: string;
  leaseMs?: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** The response header that names the fields a replay leaves out (secrets are shown once). */
export const SECRET_WITHHELD_HEADER = "idempotency-secret-withheld";
const PRUNE_BATCH = 1000;

/** How long a claim holds without renewal (HINOKI_IDEMPOTENCY_LEASE_MS, 30 s by default). */
export function idempotencyLeaseMs(): number {
  return intervalSetting("HINOKI_IDEMPOTENCY_LEASE_MS", 30_000);
}

const HOLDER_KEY = Symbol.for("hinoki.idempotencyHolder");
type G = typeof globalThis & { [HOLDER_KEY]?: string };

/** This process, as a claim holder: unique per start, so a restarted process never mistakes a dead one's claim for its own. */
export function processHolderId(): string {
  const g = globalThis as G;
  return (g[HOLDER_KEY] ??= `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`);
}

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

const leaseFromNow = (leaseMs: number) => sql`now() + ${Math.round(leaseMs)} * interval '1 millisecond'`;
const byKey = (scope: string, key: string) => and(eq(idempotencyRecords.scope, scope), eq(idempotencyRecords.key, key));

export async function claimIdempotencyKey(db: Db, request: ClaimRequest): Promise<ClaimOutcome> {
  const { scope, key, fingerprint } = request;
  if (!KEY_PATTERN.test(key)) throw new AppError("bad_request", "invalid Idempotency-Key", { header: "Idempotency-Key" });
  const holder = request.holder ?? processHolderId();
  const leaseMs = request.leaseMs ?? idempotencyLeaseMs();
  // A few rounds at most: each lost race (a release, a takeover, a completion in between) is re-read.
  for (let round = 0; round < 4; round++) {
    const inserted = await db
      .insert(idempotencyRecords)
      .values({ scope, key, requestHash: fingerprint, status: 0, holder, leaseUntil: leaseFromNow(leaseMs) })
      .onConflictDoNothing()
      .returning({ key: idempotencyRecords.key });
    if (inserted.length > 0) return { kind: "claimed", claim: { scope, key, holder, takenOver: false } };

    const [existing] = await db
      .select({
        requestHash: idempotencyRecords.requestHash,
        status: idempotencyRecords.status,
        body: idempotencyRecords.body,
        headers: idempotencyRecords.headers,
        remainingMs: sql<string | null>`extract(epoch from (${idempotencyRecords.leaseUntil} - now())) * 1000`,
      })
      .from(idempotencyRecords)
      .where(byKey(scope, key))
      .limit(1);
    if (!existing) continue;
    if (existing.requestHash !== fingerprint) throw new AppError("idempotency_key_reused");
    if (existing.status !== 0) return { kind: "replay", response: { status: existing.status, body: existing.body, headers: existing.headers ?? {} } };

    const remainingMs = existing.remainingMs === null ? 0 : Number(existing.remainingMs);
    if (remainingMs > 0) return { kind: "busy", retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)) };
    // The holder's lease lapsed: take the claim over. Conditional on the lease still being lapsed,
    // so of several concurrent retries exactly one wins (rows without a lease predate leases).
    const taken = await db
      .update(idempotencyRecords)
      .set({ holder, leaseUntil: leaseFromNow(leaseMs) })
      .where(
        and(
          byKey(scope, key),
          eq(idempotencyRecords.requestHash, fingerprint),
          eq(idempotencyRecords.status, 0),
          or(isNull(idempotencyRecords.leaseUntil), lt(idempotencyRecords.leaseUntil, sql`now()`)),
        ),
      )
      .returning({ key: idempotencyRecords.key });
    if (taken.length > 0) return { kind: "claimed", claim: { scope, key, holder, takenOver: true } };
  }
  return { kind: "busy", retryAfterSeconds: 1 };
}

/** Extends the lease of a claim this process still holds; false when it lost it. */
export async function renewIdempotencyLease(db: Db, claim: HeldClaim, leaseMs = idempotencyLeaseMs()): Promise<boolean> {
  const renewed = await db
    .update(idempotencyRecords)
    .set({ leaseUntil: leaseFromNow(leaseMs) })
    .where(and(byKey(claim.scope, claim.key), eq(idempotencyRecords.holder, claim.holder)))
    .returning({ key: idempotencyRecords.key });
  return renewed.length > 0;
}

/**
 * Stores the answer — in the work's own transaction when given one. Only the holder may: false
 * when a retry took the claim over. Storing again (the final answer after the work's own record)
 * overwrites it.
 */
export async function completeIdempotencyKey(db: DbOrTx, claim: HeldClaim, response: StoredResponse): Promise<boolean> {
  const stored = await db
    .update(idempotencyRecords)
    .set({ status: response.status, body: (response.body ?? null) as object, headers: response.headers, leaseUntil: null })
    .where(and(byKey(claim.scope, claim.key), eq(idempotencyRecords.holder, claim.holder)))
    .returning({ key: idempotencyRecords.key });
  return stored.length > 0;
}

/** A failed request frees its key so the client may retry with it; never someone else's claim or a stored answer. */
export async function releaseIdempotencyKey(db: Db, claim: HeldClaim): Promise<void> {
  await db.delete(idempotencyRecords).where(and(byKey(claim.scope, claim.key), eq(idempotencyRecords.holder, claim.holder), eq(idempotencyRecords.status, 0)));
}

/** The answer as stored and replayed: each named secret field set to null, and a header that says so. */
export function withholdSecrets(response: StoredResponse, fields: readonly string[]): StoredResponse {
  const body = response.body;
  if (fields.length === 0 || !body || typeof body !== "object" || Array.isArray(body)) return response;
  const present = fields.filter((f) => f in body);
  if (present.length === 0) return response;
  const redacted: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const field of present) redacted[field] = null;
  return { ...response, body: redacted, headers: { ...response.headers, [SECRET_WITHHELD_HEADER]: present.join(", ") } };
}

/** For a service that creates in one transaction: commit `respond(outcome)` with the work (see OutcomeRecorder). */
export function outcomeRecorder<T>(claim: HeldClaim, respond: (outcome: T) => { status: number; body?: unknown; headers?: Record<string, string> }, secretFields: readonly string[] = []): OutcomeRecorder<T> {
  return {
    async recordIn(tx, outcome) {
      const answer = respond(outcome);
      const stored = withholdSecrets({ status: answer.status, body: answer.body ?? null, headers: answer.headers ?? {} }, secretFields);
      if (!(await completeIdempotencyKey(tx, claim, stored))) {
        throw new AppError("conflict", "this request took too long and a retry with the same Idempotency-Key took it over");
      }
    },
  };
}

/** Renews the claim every third of its lease while the work runs. */
export function keepLeaseAlive(db: Db, claim: HeldClaim, leaseMs = idempotencyLeaseMs()): { stop(): void } {
  const timer = setInterval(() => {
    renewIdempotencyLease(db, claim, leaseMs)
      .then((held) => {
        if (!held) console.warn(`[idempotency] lost the claim on ${claim.key}: a retry took it over`);
      })
      .catch(() => undefined);
  }, Math.max(50, Math.floor(leaseMs / 3)));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Deletes records older than the retention (24 h), except a claim whose holder is still working.
 * In batches, so a large backlog never holds one long transaction; safe to run on every instance.
 */
export async function pruneIdempotencyRecords(db: Db, retentionMs = IDEMPOTENCY_RETENTION_MS): Promise<number> {
  let total = 0;
  for (;;) {
    const stale = db
      .select({ scope: idempotencyRecords.scope, key: idempotencyRecords.key })
      .from(idempotencyRecords)
      .where(
        and(
          lt(idempotencyRecords.createdAt, sql`now() - ${Math.round(retentionMs)} * interval '1 millisecond'`),
          or(ne(idempotencyRecords.status, 0), isNull(idempotencyRecords.leaseUntil), lt(idempotencyRecords.leaseUntil, sql`now()`)),
        ),
      )
      .limit(PRUNE_BATCH);
    const deleted = await db
      .delete(idempotencyRecords)
      .where(sql`(${idempotencyRecords.scope}, ${idempotencyRecords.key}) in (${stale})`)
      .returning({ key: idempotencyRecords.key });
    total += deleted.length;
    if (deleted.length < PRUNE_BATCH) return total;
  }
}
