import "server-only";
import { forgetCachedPrincipals } from "@/lib/auth/forget-cached-principals";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations, memberships } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { AcceptedInvitation } from "@/lib/domain/invitations";
import { newId } from "@/lib/domain/ids";
import { isOrgRole, type OrgRole } from "@/lib/domain/permissions";
import { recordAudit } from "../audit/record";
import { notifyUsers } from "../notifications/notify";
import { lockInvitationForAnswer } from "./answer-invitation";
import { assertPerson } from "./assert-person";

// The one way into an org by invitation: its invitee, signed in with the invited (proven)
// address, says yes to that invitation. The membership, the answer, the audit entry and the
// inviter's notification commit together.

export async function acceptInvitation(principal: Principal, invitationId: string, now = new Date()): Promise<AcceptedInvitation> {
  assertPerson(principal);
  const db = await getDb();
  const accepted = await db.transaction(async (tx) => {
    const { invitation, org } = await lockInvitationForAnswer(tx, principal, invitationId, now);
    const inserted = await tx
      .insert(memberships)
      .values({ id: newId("membership"), orgId: org.id, userId: principal.userId, role: invitation.role })
      .onConflictDoNothing()
      .returning({ id: memberships.id, role: memberships.role });
    await tx.update(invitations).set({ acceptedAt: now, answeredBy: principal.userId }).where(eq(invitations.id, invitation.id));
    if (inserted.length === 0) {
      // Already a member by other means: the invitation is answered, the role unchanged.
      const [current] = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.orgId, org.id), eq(memberships.userId, principal.userId)));
      return { orgSlug: org.slug, role: (isOrgRole(current.role) ? current.role : invitation.role) as OrgRole };
    }
    await recordAudit(tx, principal, org.id, {
      action: "member.join",
      targetType: "user",
      targetId: principal.userId,
      data: { role: invitation.role, invitationId: invitation.id, invitedBy: invitation.invitedBy },
    });
    // The inviter hears about it, if they are still in the org to care.
    const [inviterStillMember] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, invitation.invitedBy)))
      .limit(1);
    if (inviterStillMember) {
      await notifyUsers(tx, org.id, [invitation.invitedBy], {
        category: "member",
        titleKey: "memberJoined.title",
        bodyKey: "memberJoined.body",
        params: { name: principal.name, email: principal.email, role: invitation.role },
        link: `/${org.slug}/settings/members`,
        dedupeKey: `member.join:${invitation.id}`,
      });
    }
    return { orgSlug: org.slug, role: invitation.role as OrgRole };
  });
  // The invitee's cached principal does not know the new membership yet.
  forgetCachedPrincipals();
  return accepted;
}
