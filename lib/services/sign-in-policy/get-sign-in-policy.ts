import "server-only";
import { and, eq, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { memberships, orgSignInPolicies, userTotp, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { SIGN_IN_REQUIREMENTS, type SignInPolicy, type SignInRequirement } from "@/lib/domain/sign-in-policy";
import { orgContext } from "../access/org-context";

/** Members with a password and no second factor in use: the ones "MFA required" would stop today. */
export async function countMembersWithoutMfa(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(userTotp, eq(userTotp.userId, users.id))
    .where(and(eq(memberships.orgId, orgId), isNotNull(users.passwordHash), or(isNull(userTotp.userId), isNull(userTotp.enabledAt))));
  return row?.n ?? 0;
}

export async function readSignInPolicy(db: Db, orgId: string): Promise<SignInPolicy> {
  const [row] = await db.select().from(orgSignInPolicies).where(eq(orgSignInPolicies.orgId, orgId)).limit(1);
  const requirement = row && (SIGN_IN_REQUIREMENTS as readonly string[]).includes(row.requirement) ? (row.requirement as SignInRequirement) : "none";
  return { requirement, updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null, membersWithoutMfa: await countMembersWithoutMfa(db, orgId) };
}

/** How the org's members must sign in; everyone in the org (and its staff) may read it. */
export async function getSignInPolicy(principal: Principal, slug: string): Promise<SignInPolicy> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  return readSignInPolicy(db, orgId);
}
