import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { eq } from "drizzle-orm";
import { memberships, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Member } from "@/lib/domain/orgs";
import type { OrgRole } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";

export async function listMembers(principal: Principal, slug: string): Promise<Page<Member>> {
  const { db, orgId } = await orgContext(principal, slug, "members.read");
  const rows = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(memberships.createdAt, memberships.id);
  return wholePage(rows.map((r) => ({ ...r, role: r.role as OrgRole, joinedAt: r.joinedAt.toISOString() })));
}
