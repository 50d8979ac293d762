import "server-only";
import { and, eq } from "drizzle-orm";
import { invitations } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { invitationStatus } from "./to-invitation";

export async function revokeInvitation(principal: Principal, slug: string, invitationId: string): Promise<void> {
  const { db, orgId } = await orgContext(principal, slug, "members.write");
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(invitations).where(and(eq(invitations.orgId, orgId), eq(invitations.id, invitationId))).limit(1);
    if (!row) throw new AppError("not_found", "invitation not found");
    if (invitationStatus(row) !== "pending") throw new AppError("business_rule", "invitation is no longer pending");
    await tx.update(invitations).set({ revokedAt: new Date() }).where(eq(invitations.id, row.id));
    await recordAudit(tx, principal, orgId, { action: "member.invite_revoke", targetType: "invitation", targetId: row.id, data: { email: row.email } });
  });
}
