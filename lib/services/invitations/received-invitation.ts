import "server-only";
import { and, eq, gt, isNull, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/lib/db/client";
import { invitations, orgs, users } from "@/lib/db/schema";
import type { ReceivedInvitation } from "@/lib/domain/invitations";
import type { OrgRole } from "@/lib/domain/permissions";

// An invitation as its invitee sees it: the inviting org's legal names and 法人番号 and who sent
// it — read together, so the person answers knowing exactly which company asks.

const inviter = alias(users, "inviter");

export async function loadReceivedInvitations(db: DbOrTx, where: SQL | undefined, limit = 100) {
  return db
    .select({
      invitation: invitations,
      org: { slug: orgs.slug, legalNameJa: orgs.legalNameJa, legalNameEn: orgs.legalNameEn, corporateNumber: orgs.corporateNumber },
      inviter: { name: inviter.name, email: inviter.email },
    })
    .from(invitations)
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .innerJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(where)
    .orderBy(invitations.id)
    .limit(limit);
}

export type ReceivedRow = Awaited<ReturnType<typeof loadReceivedInvitations>>[number];

/** Not yet answered, revoked or expired. */
export const isOpen = (now: Date) =>
  and(isNull(invitations.acceptedAt), isNull(invitations.declinedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now));

export function toReceivedInvitation(row: ReceivedRow): ReceivedInvitation {
  return {
    id: row.invitation.id,
    email: row.invitation.email,
    role: row.invitation.role as OrgRole,
    org: { legalNameJa: row.org.legalNameJa, legalNameEn: row.org.legalNameEn, corporateNumber: row.org.corporateNumber },
    invitedBy: { name: row.inviter.name, email: row.inviter.email },
    createdAt: row.invitation.createdAt.toISOString(),
    expiresAt: row.invitation.expiresAt.toISOString(),
  };
}
