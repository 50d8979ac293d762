import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { signInAttempts, users } from "@/lib/db/schema";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { newId } from "@/lib/domain/ids";
import { verifyPassword } from "./password";

// What happens when a person signs in: password check with a limit on failures, and just-in-time
// accounts for single sign-on. Nothing else: invitations wait for the person's explicit answer.

export const MAX_FAILED_ATTEMPTS = 5;
export const FAILED_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" | "locked" };

async function recentFailures(db: Db, email: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILED_ATTEMPT_WINDOW_MS);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  return row?.n ?? 0;
}

export async function signInWithPassword(db: Db, rawEmail: string, password: string, ip: string | null, now = new Date()): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  if ((await recentFailures(db, email, now)) >= MAX_FAILED_ATTEMPTS) return { ok: false, reason: "locked" };
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash);
  await db.insert(signInAttempts).values({ id: newId("request"), email, ip, succeeded: ok, createdAt: now });
  if (!ok || !user) return { ok: false, reason: "invalid" };
  await afterSignIn(db, user.id, user.email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

export interface OidcProfile {
  sub: string;
  email?: string | null;
  emailVerified?: boolean | null;
  name?: string | null;
}

/** Just-in-time account for a person the identity provider vouches for. */
export async function signInWithOidc(db: Db, profile: OidcProfile, ip: string | null): Promise<SignInResult> {
  const email = profile.email?.trim().toLowerCase();
  if (!email || profile.emailVerified === false) return { ok: false, reason: "invalid" };
  const [bySubject] = await db.select().from(users).where(eq(users.oidcSubject, profile.sub)).limit(1);
  const [byEmail] = bySubject ? [bySubject] : await db.select().from(users).where(eq(users.email, email)).limit(1);
  let user = byEmail;
  if (!user) {
    [user] = await db
      .insert(users)
      .values({ id: newId("user"), email, name: profile.name?.trim() || email, oidcSubject: profile.sub, emailVerifiedAt: new Date() })
      .returning();
    await insertAuditEvent(db, { orgId: null, actorType: "user", actorId: user.id, actorName: user.name, action: "user.create_sso", targetType: "user", targetId: user.id, ip });
  } else if (!user.oidcSubject) {
    await db.update(users).set({ oidcSubject: profile.sub }).where(eq(users.id, user.id));
  }
  await afterSignIn(db, user.id, user.email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/**
 * Signing in only signs in. Invitations are never accepted here: joining an org takes the
 * person's explicit "yes" to that one invitation (lib/services/invitations/accept-invitation.ts),
 * so no org can make itself someone's org by inviting their address (issue 14).
 */
async function afterSignIn(db: Db, userId: string, _email: string, _ip: string | null): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}
