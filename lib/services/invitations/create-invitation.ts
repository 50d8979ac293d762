import "server-only";
import { and, count, eq, gt, isNull } from "drizzle-orm";
import { invitations, memberships, orgs, users } from "@/lib/db/schema";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import type { Principal } from "@/lib/auth/principal";
import { hashSecret, newSecret } from "@/lib/auth/secrets";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CreateInvitationInput, type Invitation } from "@/lib/domain/orgs";
import { roleWithin } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { enqueueEmail } from "../notifications/email/enqueue-email";
import { consoleUrl } from "../notifications/email/smtp-config";
import { renderInvitationEmail } from "./invitation-email";
import { toInvitation } from "./to-invitation";

export const INVITATION_TTL_DAYS = 7;
/**
 * Every invitation sends an e-mail in the org's name to an address of the inviter's choosing: a
 * cap keeps an org (or a stolen owner session) from turning the console into a mail cannon or a
 * phishing relay. Counted before the insert, so instances racing may overshoot by a few.
 */
export const INVITATIONS_PER_ORG_PER_DAY = 100;
export const INVITATIONS_PER_ADDRESS_PER_DAY = 5;

/**
 * Invites a person by e-mail. The accept link carries a secret that goes to the invited mailbox
 * only (the e-mail outbox; printed to the server log when no SMTP server is configured) and is
 * stored hashed: the inviter never sees it, so holding the link proves reading that mailbox.
 * An invitation makes nobody a member: the person accepts it themselves.
 */
export async function createInvitation(
  principal: Principal,
  slug: string,
  rawInput: CreateInvitationInput,
  options: { outcome?: OutcomeRecorder<Invitation> } = {},
): Promise<Invitation> {
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
    const dayAgo = new Date(now.getTime() - 86400_000);
    const [sent] = await tx.select({ n: count() }).from(invitations).where(and(eq(invitations.orgId, orgId), gt(invitations.createdAt, dayAgo)));
    const [sentToAddress] = await tx
      .select({ n: count() })
      .from(invitations)
      .where(and(eq(invitations.orgId, orgId), eq(invitations.email, input.email), gt(invitations.createdAt, dayAgo)));
    if (Number(sent.n) >= INVITATIONS_PER_ORG_PER_DAY || Number(sentToAddress.n) >= INVITATIONS_PER_ADDRESS_PER_DAY) {
      throw new AppError("rate_limited", "too many invitations today", { field: "email" });
    }
    // A new invitation to the same address replaces a pending one (and kills its link).
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.orgId, orgId),
          eq(invitations.email, input.email),
          isNull(invitations.acceptedAt),
          isNull(invitations.declinedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      );
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
    const [org] = await tx.select({ legalNameJa: orgs.legalNameJa, legalNameEn: orgs.legalNameEn, corporateNumber: orgs.corporateNumber }).from(orgs).where(eq(orgs.id, orgId));
    const mail = renderInvitationEmail({
      to: input.email,
      org,
      role: input.role,
      inviter: { name: principal.name, email: principal.email },
      expiresAt: row.expiresAt,
      link: `${consoleUrl()}/invite/${token}`,
    });
    await enqueueEmail(tx, { to: input.email, kind: "invitation", subject: mail.subject, text: mail.text }, now);
    await recordAudit(tx, principal, orgId, { action: "member.invite", targetType: "invitation", targetId: row.id, data: { email: input.email, role: input.role } });
    const created = toInvitation(row);
    await options.outcome?.recordIn(tx, created);
    return created;
  });
}
