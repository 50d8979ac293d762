import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { memberships, orgs, staffAssignments, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { StaffAccount } from "@/lib/domain/staff";
import { requireStaff } from "./require-staff";

/** An account manager's book: their assigned orgs; a platform admin sees every org. */
export async function listStaffAccounts(principal: Principal): Promise<StaffAccount[]> {
  const role = requireStaff(principal);
  const db = await getDb();
  const orgRows =
    role === "platform_admin"
      ? await db.select().from(orgs).orderBy(orgs.slug)
      : await db
          .select({ orgs })
          .from(staffAssignments)
          .innerJoin(orgs, eq(orgs.id, staffAssignments.orgId))
          .where(eq(staffAssignments.staffUserId, principal.userId))
          .orderBy(orgs.slug)
          .then((rows) => rows.map((r) => r.orgs));
  if (orgRows.length === 0) return [];
  const ids = orgRows.map((o) => o.id);
  const counts = await db
    .select({ orgId: memberships.orgId, n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(inArray(memberships.orgId, ids))
    .groupBy(memberships.orgId);
  const managers = await db
    .select({ orgId: staffAssignments.orgId, userId: users.id, name: users.name, email: users.email })
    .from(staffAssignments)
    .innerJoin(users, eq(users.id, staffAssignments.staffUserId))
    .where(inArray(staffAssignments.orgId, ids));
  return orgRows.map((o) => ({
    orgId: o.id,
    slug: o.slug,
    legalNameJa: o.legalNameJa,
    legalNameEn: o.legalNameEn,
    memberCount: counts.find((c) => c.orgId === o.id)?.n ?? 0,
    managers: managers.filter((m) => m.orgId === o.id).map(({ userId, name, email }) => ({ userId, name, email })),
    createdAt: o.createdAt.toISOString(),
  }));
}
