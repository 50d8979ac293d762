import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { invitations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { recordAudit } from "../audit/record";
import { lockInvitationForAnswer } from "./answer-invitation";
import { assertPerson } from "./assert-person";

/** The invitee says no. Final: the link dies with it, and the inviting org's log records it. */
export async function declineInvitation(principal: Principal, invitationId: string, now = new Date()): Promise<void> {
  assertPerson(principal);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { invitation, org } = await lockInvitationForAnswer(tx, principal, invitationId, now);
    await tx.update(invitations).set({ declinedAt: now, answeredBy: principal.userId }).where(eq(invitations.id, invitation.id));
    await recordAudit(tx, principal, org.id, { action: "invitation.decline", targetType: "invitation", targetId: invitation.id, data: { email: invitation.email, role: invitation.role } });
  });
}
