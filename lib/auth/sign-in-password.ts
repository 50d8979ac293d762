import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { verifyPassword } from "./password";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";
import { afterSignIn } from "./sign-in";
import { passwordSecondStep, type SecondStep } from "./mfa/password-second-step";
import { pruneSignInThrottles, recordSignInSuccess, reserveSignInAttempt } from "./sign-in-throttle";

// Sign-in with e-mail and password, throttled per (account, client address) with growing delays
// (lib/auth/sign-in-throttle.ts) rather than locked: a stranger cannot keep the real person out.

/** RFC 5321's limit on a forward path; nothing longer is an address anyone can receive mail at. */
export const MAX_EMAIL_LENGTH = 254;
/** Far above any passphrase, far below what would make scrypt's input a denial of service. */
export const MAX_PASSWORD_LENGTH = 1024;
/** Roughly one attempt in this many also clears old throttle rows. */
const PRUNE_EVERY = 200;

export type PasswordSignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; /** how they signed in (the session's amr) */ amr: AuthMethod[] }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number }
  | Extract<SecondStep, { ok: false }>;

/** `secondFactorCode`: the TOTP or recovery code of the sign-in's second step, when the account has MFA. */
export async function signInWithPassword(
  db: Db,
  rawEmail: string,
  password: string,
  ip: string | null,
  now = new Date(),
  secondFactorCode?: string,
): Promise<PasswordSignInResult> {
  const email = rawEmail.trim().toLowerCase();
  if (!email || email.length > MAX_EMAIL_LENGTH || !password || password.length > MAX_PASSWORD_LENGTH) return { ok: false, reason: "invalid" };
  const client = ip ?? "unknown";
  const reservation = await reserveSignInAttempt(db, email, client, now);
  if (!reservation.admitted) return { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  if (Math.random() < 1 / PRUNE_EVERY) await pruneSignInThrottles(db, now).catch(() => undefined);

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  // One scrypt whether or not the account exists or has a password (see verifyPassword).
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user) return { ok: false, reason: "invalid" };
  // The password is proven: its throttle is cleared; the second factor has a throttle of its own.
  await recordSignInSuccess(db, email, client, reservation.countedOnAccount, now);
  // No session, and nothing of a signed-in person, until the second factor (if set up) passes.
  const second = await passwordSecondStep(db, user, secondFactorCode, ip, now);
  if (!second.ok) return second;
  await afterSignIn(db, user.id, user.email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, amr: second.amr };
}
