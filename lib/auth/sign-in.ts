import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// What every sign-in shares. The password check is sign-in-password.ts; single sign-on is
// sign-in-oidc.ts. Nothing else happens at sign-in: invitations wait for the person's explicit answer.

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" };

/**
 * Signing in only signs in. Invitations are never accepted here: joining an org takes the
 * person's explicit "yes" to that one invitation (lib/services/invitations/accept-invitation.ts),
 * so no org can make itself someone's org by inviting their address (issue 14).
 */
export async function afterSignIn(db: Db, userId: string, _email: string, _ip: string | null): Promise<void> {
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
}
