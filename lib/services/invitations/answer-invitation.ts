import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "@/lib/db/client";
import { invitations, orgs, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { invitationStatus } from "./to-invitation";

/**
 * Loads an invitation for its invitee to answer, locked for the answer. Someone else's
 * invitation is a 404 (it is none of their business that it exists); the address must be the
 * caller's own, proven one; and an invitation is answered once.
 */
export async function lockInvitationForAnswer(tx: Tx, principal: Principal, invitationId: string, now: Date) {
  const email = principal.email.toLowerCase();
  const [row] = await tx
    .select({ invitation: invitations, org: { id: orgs.id, slug: orgs.slug, legalNameJa: orgs.legalNameJa } })
    .from(invitations)
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.email, email)))
    .for("update", { of: invitations })
    .limit(1);
  if (!row) throw new AppError("not_found", "invitation not found");
  const [me] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, principal.userId), eq(users.email, email), isNotNull(users.emailVerifiedAt)))
    .limit(1);
  if (!me) throw new AppError("not_found", "invitation not found");
  if (invitationStatus(row.invitation, now) !== "pending") throw new AppError("business_rule", "this invitation is no longer open");
  return row;
}
