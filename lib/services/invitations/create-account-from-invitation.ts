import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { invitations, memberships, users } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret } from "@/lib/auth/secrets";
import { isUniqueViolation } from "@/lib/billing/sql-rows";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateAccountFromInvitationInput } from "@/lib/domain/invitations";
import { invitationStatus } from "./to-invitation";

// The invitee, holding the link that only their mailbox received, creates their password
// account. The link is the proof of the address, so the account is proven from its first
// moment. It joins nothing: the person then answers each invitation themselves.
//
// An account that holds the address without ever having proved it (made before proof was
// required, or by any path that skipped it) does not block the real owner: the proof wins.
// That account is released — its address, password and SSO binding taken away, its memberships
// removed — and a new account is made, so a session someone minted for the old id opens nothing.

export async function createAccountFromInvitation(token: string, rawInput: CreateAccountFromInvitationInput, ip: string | null): Promise<{ email: string }> {
  const input = CreateAccountFromInvitationInput.parse(rawInput);
  if (token.length > 200) throw new AppError("not_found", "invitation not found");
  const db = await getDb();
  // scrypt before the transaction: a slow hash must not hold row locks.
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [invitation] = await tx.select().from(invitations).where(eq(invitations.tokenHash, hashSecret(token))).for("update").limit(1);
      if (!invitation || invitationStatus(invitation) !== "pending") throw new AppError("not_found", "invitation not found");
      const email = invitation.email;
      const [holder] = await tx.select().from(users).where(eq(users.email, email)).for("update").limit(1);
      if (holder?.emailVerifiedAt) throw new AppError("already_exists", "an account exists for this address: sign in to answer", { field: "email" });
      if (holder) {
        const released = await tx.delete(memberships).where(eq(memberships.userId, holder.id)).returning({ orgId: memberships.orgId, role: memberships.role });
        await tx.update(users).set({ email: `unproven+${holder.id}@released.invalid`, passwordHash: null, oidcSubject: null }).where(eq(users.id, holder.id));
        await insertAuditEvent(tx, {
          orgId: null,
          actorType: "system",
          actorId: null,
          actorName: "Hinoki",
          action: "user.unproven_released",
          targetType: "user",
          targetId: holder.id,
          data: { email, invitationId: invitation.id },
          ip,
        });
        for (const m of released) {
          await insertAuditEvent(tx, { orgId: m.orgId, actorType: "system", actorId: null, actorName: "Hinoki", action: "member.remove", targetType: "user", targetId: holder.id, data: { role: m.role, reason: "unproven_account_released" }, ip });
        }
      }
      const userId = newId("user");
      const now = new Date();
      await tx.insert(users).values({ id: userId, email, name: input.name, passwordHash, emailVerifiedAt: now });
      await insertAuditEvent(tx, {
        orgId: null,
        actorType: "user",
        actorId: userId,
        actorName: `${input.name} <${email}>`,
        action: "user.create",
        targetType: "user",
        targetId: userId,
        data: { proof: "invitation_link", invitationId: invitation.id },
        ip,
      });
      return { email };
    });
  } catch (error) {
    // Two links to one address used at the same moment: one account wins, the other is told so.
    if (isUniqueViolation(error)) throw new AppError("already_exists", "an account exists for this address: sign in to answer", { field: "email" });
    throw error;
  }
}
