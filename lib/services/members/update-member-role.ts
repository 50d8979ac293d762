import "server-only";
import { forgetCachedPrincipals } from "@/lib/auth/forget-cached-principals";
import { eq } from "drizzle-orm";
import { memberships } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { UpdateMemberInput } from "@/lib/domain/orgs";
import type { OrgRole } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { notifyMemberChange } from "./notify-member-change";
import { assertMayTouchOwnership, assertNotLastOwner, loadMembershipForUpdate } from "./owner-guard";

export async function updateMemberRole(principal: Principal, slug: string, userId: string, rawInput: { role: OrgRole }): Promise<{ userId: string; role: OrgRole }> {
  const { role } = UpdateMemberInput.parse(rawInput);
  const { db, access, orgId } = await orgContext(principal, slug, "members.write");
  const result = await db.transaction(async (tx) => {
    const current = await loadMembershipForUpdate(tx, orgId, userId);
    const from = current.role as OrgRole;
    if (from === role) return { userId, role };
    assertMayTouchOwnership(access, from, role);
    if (from === "owner") await assertNotLastOwner(tx, orgId);
    await tx.update(memberships).set({ role }).where(eq(memberships.id, current.id));
    await recordAudit(tx, principal, orgId, { action: "member.role_change", targetType: "user", targetId: userId, data: { from, to: role } });
    await notifyMemberChange(tx, principal, access.org, { kind: "role", userId, membershipId: current.id, from, to: role });
    return { userId, role };
  });
  forgetCachedPrincipals();
  return result;
}
