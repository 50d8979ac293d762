import "server-only";
import { and, eq, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { userRecoveryCodes, userTotp } from "@/lib/db/schema";
import { TOTP_CODE } from "@/lib/domain/mfa";
import { verifyPassword } from "../password";
import { hashRecoveryCode } from "./recovery-codes";
import { matchingTotpStep } from "./totp";
import { openTotpSecret } from "./totp-secret-seal";

// Checking a second-factor code, for every caller (the sign-in's second step, confirming setup,
// removing MFA, regenerating recovery codes). Three guards, each one atomic statement so that
// N instances and parallel requests cannot slip past them:
//  - throttle: a guess first reserves an attempt (counting it as a failure in advance); after
//    FREE_FAILURES failures each further guess waits 30 s, doubling up to an hour. Only someone
//    who already passed the password can guess here, so this cannot lock out the owner anonymously.
//  - replay: a TOTP code is accepted only for a time step later than the last one accepted
//    (RFC 6238 §5.2), so the same code cannot be used twice, nor an older one after a newer.
//  - recovery codes: marked used by the statement that accepts them, so each works once.

export const FREE_FAILURES = 5;
const FIRST_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 3600;

export type FactorCheck =
  | { ok: true; method: "totp" | "recovery_code"; sealed: string }
  | { ok: false; reason: "invalid" | "replayed" | "throttled" | "not_enrolled"; retryAfterSeconds?: number };

export interface FactorOptions {
  /** "pending": confirming setup with the first code; "enabled": a second factor in use. */
  state: "enabled" | "pending";
  allowRecoveryCode: boolean;
  now?: Date;
}

/** Seconds to wait after the n-th consecutive failure (0 for the first few). */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

async function reserveAttempt(db: Db, userId: string, state: FactorOptions["state"], now: Date) {
  const at = now.toISOString();
  const failures = sql`${userTotp.failedAttempts} + 1`;
  const [row] = await db
    .update(userTotp)
    .set({
      failedAttempts: failures,
      nextAttemptAt: sql`case when ${failures} < ${FREE_FAILURES} then null
        else ${at}::timestamptz + least(${FIRST_DELAY_SECONDS} * power(2, ${failures} - ${FREE_FAILURES}), ${MAX_DELAY_SECONDS}) * interval '1 second' end`,
    })
    .where(
      and(
        eq(userTotp.userId, userId),
        state === "enabled" ? isNotNull(userTotp.enabledAt) : isNull(userTotp.enabledAt),
        or(isNull(userTotp.nextAttemptAt), lte(userTotp.nextAttemptAt, now)),
      ),
    )
    .returning({ sealed: userTotp.secretSealed, kekId: userTotp.kekId });
  return row ?? null;
}

async function whyRefused(db: Db, userId: string, state: FactorOptions["state"], now: Date): Promise<FactorCheck> {
  const [row] = await db.select().from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  if (!row || (state === "enabled") !== (row.enabledAt !== null)) return { ok: false, reason: "not_enrolled" };
  const waitMs = (row.nextAttemptAt?.getTime() ?? now.getTime()) - now.getTime();
  return { ok: false, reason: "throttled", retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

async function clearFailures(db: Db, userId: string): Promise<void> {
  await db.update(userTotp).set({ failedAttempts: 0, nextAttemptAt: null }).where(eq(userTotp.userId, userId));
}

export async function verifySecondFactor(db: Db, userId: string, rawInput: string, options: FactorOptions): Promise<FactorCheck> {
  const now = options.now ?? new Date();
  const input = rawInput.trim().replace(/\s/g, "");
  const reserved = await reserveAttempt(db, userId, options.state, now);
  if (!reserved) return whyRefused(db, userId, options.state, now);

  if (TOTP_CODE.test(input)) {
    const step = matchingTotpStep(openTotpSecret(userId, reserved.sealed, reserved.kekId), input, now);
    if (step === null) return { ok: false, reason: "invalid" };
    const [accepted] = await db
      .update(userTotp)
      .set({ lastUsedStep: step, failedAttempts: 0, nextAttemptAt: null })
      .where(and(eq(userTotp.userId, userId), eq(userTotp.secretSealed, reserved.sealed), or(isNull(userTotp.lastUsedStep), lt(userTotp.lastUsedStep, step))))
      .returning({ userId: userTotp.userId });
    return accepted ? { ok: true, method: "totp", sealed: reserved.sealed } : { ok: false, reason: "replayed" };
  }

  if (options.allowRecoveryCode && options.state === "enabled" && input.length >= 16 && input.length <= 40) {
    const [used] = await db
      .update(userRecoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, hashRecoveryCode(userId, input)), isNull(userRecoveryCodes.usedAt)))
      .returning({ id: userRecoveryCodes.id });
    if (used) {
      await clearFailures(db, userId);
      return { ok: true, method: "recovery_code", sealed: reserved.sealed };
    }
  }
  return { ok: false, reason: "invalid" };
}

/** Whether this person has a second factor in use (setup confirmed). */
export async function hasEnabledTotp(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, userId)).limit(1);
  return Boolean(row?.enabledAt);
}

/**
 * The password as proof of presence (to remove MFA or renew recovery codes from a signed-in
 * session), under the same throttle as codes: a stolen session must not become a password oracle.
 */
export async function verifyPasswordProof(db: Db, userId: string, passwordHash: string | null, password: string, now = new Date()): Promise<Extract<FactorCheck, { ok: false }> | { ok: true }> {
  const reserved = await reserveAttempt(db, userId, "enabled", now);
  if (!reserved) return whyRefused(db, userId, "enabled", now) as Promise<Extract<FactorCheck, { ok: false }>>;
  if (!(await verifyPassword(password, passwordHash))) return { ok: false, reason: "invalid" };
  await clearFailures(db, userId);
  return { ok: true };
}
