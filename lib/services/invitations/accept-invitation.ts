import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { invitations, orgs, users } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { hashSecret } from "@/lib/auth/secrets";
import { acceptPendingInvitations } from "@/lib/auth/sign-in";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import type { OrgRole } from "@/lib/domain/permissions";
import { invitationStatus } from "./to-invitation";

// The invitee's side: open the link, see which org invites them, and — when they have no
// account yet — choose a name and password. Existing users simply sign in, which accepts.

export interface InvitationPreview {
  orgName: string;
  email: string;
  role: OrgRole;
  status: "pending" | "accepted" | "revoked" | "expired";
  hasAccount: boolean;
}

async function findByToken(token: string) {
  const db = await getDb();
  const [row] = await db
    .select({ invitation: invitations, orgName: orgs.legalNameJa })
    .from(invitations)
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .where(eq(invitations.tokenHash, hashSecret(token)))
    .limit(1);
  return { db, row };
}

export async function previewInvitation(token: string): Promise<InvitationPreview | null> {
  const { db, row } = await findByToken(token);
  if (!row) return null;
  const [account] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.invitation.email)).limit(1);
  return {
    orgName: row.orgName,
    email: row.invitation.email,
    role: row.invitation.role as OrgRole,
    status: invitationStatus(row.invitation),
    hasAccount: Boolean(account),
  };
}

export const AcceptInvitationInput = z.object({
  name: z.string().trim().min(1).max(100),
  password: z.string().min(10).max(200),
});

/** Creates the invitee's account and membership; afterwards they sign in with the password. */
export async function acceptInvitationWithNewAccount(token: string, rawInput: z.infer<typeof AcceptInvitationInput>, ip: string | null): Promise<{ email: string }> {
  const input = AcceptInvitationInput.parse(rawInput);
  const { db, row } = await findByToken(token);
  if (!row || invitationStatus(row.invitation) !== "pending") throw new AppError("not_found", "invitation not found");
  const email = row.invitation.email;
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) throw new AppError("already_exists", "account exists: sign in to accept", { field: "email" });
  const passwordHash = await hashPassword(input.password);
  const userId = newId("user");
  await db.insert(users).values({ id: userId, email, name: input.name, passwordHash });
  await acceptPendingInvitations(db, userId, email, ip);
  return { email };
}
