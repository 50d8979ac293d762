import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signInThrottles } from "@/lib/db/schema";

// Password guessing is slowed, never turned into a lock an anonymous caller can aim at someone
// else. Two counters per attempt, both keyed on the normalised e-mail whether or not an account
// has it (so answers do not reveal which accounts exist):
//  - per (account, client address): a few free failures, then each further attempt from that
//    client must wait 2, 4, 8 … seconds (at most 15 minutes). An attacker slows only themselves:
//    the real person, from their own address, is not held up.
//  - per account: a generous ceiling against guessing from many addresses, which slows (at most
//    a minute between attempts), never locks. A client that signed in to the account recently is
//    exempt from it, so a distributed attack does not keep the owner out either.
// The check and the count are one transaction holding both rows' locks, taken before the
// password is hashed: parallel guesses queue on the rows and cannot all pass the limit. The
// attempt is counted as a failure when it is admitted; a correct password clears it afterwards.

export const THROTTLE = {
  clientFreeFailures: 5,
  clientMaxDelaySeconds: 15 * 60,
  accountFreeFailures: 50,
  accountMaxDelaySeconds: 60,
  /** A count restarts after this long without a failure. */
  failureMemoryMs: 60 * 60 * 1000,
  /** A client that signed in to the account this recently skips the account-wide ceiling. */
  knownClientMs: 30 * 24 * 60 * 60 * 1000,
} as const;

export const ACCOUNT_WIDE = "*";

/** Seconds to wait before the next attempt after `failures` failures. */
export function throttleDelaySeconds(failures: number, free: number, maxSeconds: number): number {
  if (failures <= free) return 0;
  return Math.min(maxSeconds, 2 ** Math.min(failures - free, 30));
}

export type Reservation = { admitted: true; countedOnAccount: boolean } | { admitted: false; retryAfterSeconds: number };

type Row = typeof signInThrottles.$inferSelect;

const secondsUntil = (time: Date, now: Date) => Math.max(1, Math.ceil((time.getTime() - now.getTime()) / 1000));

function nextCount(row: Row, now: Date): number {
  const remembered = row.lastFailureAt && row.lastFailureAt.getTime() > now.getTime() - THROTTLE.failureMemoryMs;
  return (remembered ? row.failures : 0) + 1;
}

/** Admits one attempt (counting it as a failure until it succeeds) or says how long to wait. */
export async function reserveSignInAttempt(db: Db, email: string, client: string, now = new Date()): Promise<Reservation> {
  return db.transaction(async (tx) => {
    // The rows exist before they are locked, so concurrent first attempts queue on them too.
    // Always the account row first, then the client's: one lock order, no deadlocks.
    await tx
      .insert(signInThrottles)
      .values([
        { email, client: ACCOUNT_WIDE, blockedUntil: now, updatedAt: now },
        { email, client, blockedUntil: now, updatedAt: now },
      ])
      .onConflictDoNothing();
    const rowOf = async (c: string) =>
      (await tx.select().from(signInThrottles).where(and(eq(signInThrottles.email, email), eq(signInThrottles.client, c))).for("update"))[0];
    const account = await rowOf(ACCOUNT_WIDE);
    const pair = await rowOf(client);

    if (pair.blockedUntil > now) return { admitted: false, retryAfterSeconds: secondsUntil(pair.blockedUntil, now) };
    const known = pair.lastSuccessAt !== null && pair.lastSuccessAt.getTime() > now.getTime() - THROTTLE.knownClientMs;
    if (!known && account.blockedUntil > now) return { admitted: false, retryAfterSeconds: secondsUntil(account.blockedUntil, now) };

    const count = async (row: Row, free: number, maxSeconds: number) => {
      const failures = nextCount(row, now);
      const blockedUntil = new Date(now.getTime() + throttleDelaySeconds(failures, free, maxSeconds) * 1000);
      await tx
        .update(signInThrottles)
        .set({ failures, blockedUntil, lastFailureAt: now, updatedAt: now })
        .where(and(eq(signInThrottles.email, email), eq(signInThrottles.client, row.client)));
    };
    await count(pair, THROTTLE.clientFreeFailures, THROTTLE.clientMaxDelaySeconds);
    if (!known) await count(account, THROTTLE.accountFreeFailures, THROTTLE.accountMaxDelaySeconds);
    return { admitted: true, countedOnAccount: !known };
  });
}

/** The password was right: this client starts afresh, and the attempt leaves the account's count. */
export async function recordSignInSuccess(db: Db, email: string, client: string, countedOnAccount: boolean, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    if (countedOnAccount) {
      await tx
        .update(signInThrottles)
        .set({ failures: sql`greatest(${signInThrottles.failures} - 1, 0)`, updatedAt: now })
        .where(and(eq(signInThrottles.email, email), eq(signInThrottles.client, ACCOUNT_WIDE)));
    }
    await tx
      .update(signInThrottles)
      .set({ failures: 0, blockedUntil: now, lastFailureAt: null, lastSuccessAt: now, updatedAt: now })
      .where(and(eq(signInThrottles.email, email), eq(signInThrottles.client, client)));
  });
}

/**
 * Forgets rows that no longer hold anything back: no wait pending, no failure remembered, no
 * recent success to exempt a client. Keeps the table from growing with every guessed address.
 */
export async function pruneSignInThrottles(db: Db, now = new Date()): Promise<number> {
  const forgetBefore = new Date(now.getTime() - THROTTLE.failureMemoryMs);
  const knownSince = new Date(now.getTime() - THROTTLE.knownClientMs);
  const deleted = await db
    .delete(signInThrottles)
    .where(
      and(
        lt(signInThrottles.blockedUntil, now),
        lt(signInThrottles.updatedAt, forgetBefore),
        or(isNull(signInThrottles.lastSuccessAt), lt(signInThrottles.lastSuccessAt, knownSince)),
      ),
    )
    .returning({ email: signInThrottles.email });
  return deleted.length;
}
