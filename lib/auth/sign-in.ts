import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { newId } from "@/lib/domain/ids";

// What happens when a person signs in: just-in-time accounts for single sign-on. Nothing else:
// invitations wait for the person's explicit answer. The password check is in sign-in-password.ts.

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" };

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
export async function afterSignIn(db: Db, userId: string, _email: string, _ip: string | null): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}
