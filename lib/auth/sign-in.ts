import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { invitations, memberships, signInAttempts, users } from "@/lib/db/schema";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { newId } from "@/lib/domain/ids";
import { verifyPassword } from "./password";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";
import { passwordSecondStep, type SecondStep } from "./mfa/password-second-step";

// What happens when a person signs in: password check with a limit on failures, just-in-time
// accounts for single sign-on, and invitations that match the e-mail turned into memberships.

export const MAX_FAILED_ATTEMPTS = 5;
export const FAILED_ATTEMPT_WINDOW_MS = 15 * 60 * 1000;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string }; /** how they signed in (the session's amr) */ amr?: AuthMethod[] }
  | { ok: false; reason: "invalid" | "locked" }
  | Extract<SecondStep, { ok: false }>;

async function recentFailures(db: Db, email: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - FAILED_ATTEMPT_WINDOW_MS);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  return row?.n ?? 0;
}

/** `secondFactorCode`: the TOTP or recovery code of the sign-in's second step, when the account has MFA. */
export async function signInWithPassword(db: Db, rawEmail: string, password: string, ip: string | null, now = new Date(), secondFactorCode?: string): Promise<SignInResult> {
  const email = rawEmail.trim().toLowerCase();
  if ((await recentFailures(db, email, now)) >= MAX_FAILED_ATTEMPTS) return { ok: false, reason: "locked" };
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  const ok = await verifyPassword(password, user?.passwordHash);
  await db.insert(signInAttempts).values({ id: newId("request"), email, ip, succeeded: ok, createdAt: now });
  if (!ok || !user) return { ok: false, reason: "invalid" };
  // No session, and nothing of a signed-in person, until the second factor (if set up) passes.
  const second = await passwordSecondStep(db, user, secondFactorCode, ip, now);
  if (!second.ok) return second;
  await afterSignIn(db, user.id, user.email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name }, amr: second.amr };
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
      .values({ id: newId("user"), email, name: profile.name?.trim() || email, oidcSubject: profile.sub })
      .returning();
    await insertAuditEvent(db, { orgId: null, actorType: "user", actorId: user.id, actorName: user.name, action: "user.create_sso", targetType: "user", targetId: user.id, ip });
  } else if (!user.oidcSubject) {
    await db.update(users).set({ oidcSubject: profile.sub }).where(eq(users.id, user.id));
  }
  await afterSignIn(db, user.id, user.email, ip);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/** Pending, unexpired invitations for this e-mail become memberships. */
export async function acceptPendingInvitations(db: Db, userId: string, email: string, ip: string | null, now = new Date()): Promise<number> {
  const pending = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
  let accepted = 0;
  for (const invitation of pending) {
    await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(memberships)
        .values({ id: newId("membership"), orgId: invitation.orgId, userId, role: invitation.role })
        .onConflictDoNothing()
        .returning({ id: memberships.id });
      await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id));
      if (inserted.length > 0) {
        accepted++;
        await insertAuditEvent(tx, {
          orgId: invitation.orgId,
          actorType: "user",
          actorId: userId,
          actorName: email,
          action: "member.join",
          targetType: "user",
          targetId: userId,
          data: { role: invitation.role, invitationId: invitation.id },
          ip,
        });
      }
    });
  }
  return accepted;
}

async function afterSignIn(db: Db, userId: string, email: string, ip: string | null): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
  await acceptPendingInvitations(db, userId, email, ip);
}
