import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, users } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateInvitationInput, type Invitation } from "@/lib/domain/orgs";
import { roleWithin } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { toInvitation } from "./to-invitation";

export const INVITATION_TTL_DAYS = 7;

/**
 * Invites a person by e-mail. The accept link carries a secret shown once to the inviter (and
 * mailed when SMTP is configured); signing in with the same e-mail, by password or SSO, also
 * accepts it.
 */
export async function createInvitation(
  principal: Principal,
  slug: string,
  rawInput: CreateInvitationInput,
  options: { outcome?: OutcomeRecorder<Invitation & { acceptUrl: string }> } = {},
): Promise<Invitation & { acceptUrl: string }> {
  const input = CreateInvitationInput.parse(rawInput);
  const { db, access, orgId } = await orgContext(principal, slug, "members.write");
  if (!access.role || !roleWithin(input.role, access.role)) throw new AppError("role_too_high", undefined, { field: "role" });
  return db.transaction(async (tx) => {
    const [existingMember] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.orgId, orgId), eq(users.email, input.email)))
      .limit(1);
    if (existingMember) throw new AppError("already_exists", "already a member", { field: "email" });
    const now = new Date();
    // A new invitation to the same address replaces a pending one.
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)));
    const token = newSecret("hkinv_");
    const [row] = await tx
      .insert(invitations)
      .values({
        id: newId("invitation"),
        orgId,
        email: input.email,
        role: input.role,
        tokenHash: hashSecret(token),
        invitedBy: principal.userId,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * 86400_000),
      })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "member.invite", targetType: "invitation", targetId: row.id, data: { email: input.email, role: input.role } });
    const created = { ...toInvitation(row), acceptUrl: `/invite/${token}` };
    await options.outcome?.recordIn(tx, created);
    return created;
  });
}
