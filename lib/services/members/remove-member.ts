import "server-only";
import { forgetCachedPrincipals } from "@/lib/auth/forget-cached-principals";
import { eq } from "drizzle-orm";
import { memberships } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { OrgRole } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { notifyMemberChange } from "./notify-member-change";
import { assertMayTouchOwnership, assertNotLastOwner, loadMembershipForUpdate } from "./owner-guard";

export async function removeMember(principal: Principal, slug: string, userId: string): Promise<void> {
  const { db, access, orgId } = await orgContext(principal, slug, "members.write");
  await db.transaction(async (tx) => {
    const current = await loadMembershipForUpdate(tx, orgId, userId);
    const role = current.role as OrgRole;
    assertMayTouchOwnership(access, role, null);
    if (role === "owner") await assertNotLastOwner(tx, orgId);
    await tx.delete(memberships).where(eq(memberships.id, current.id));
    await recordAudit(tx, principal, orgId, { action: "member.remove", targetType: "user", targetId: userId, data: { role } });
    await notifyMemberChange(tx, principal, access.org, { kind: "removed", userId, membershipId: current.id });
  });
  forgetCachedPrincipals();
}
