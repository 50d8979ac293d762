import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { apiTokens, memberships, orgs, users } from "@/lib/db/schema";
import { isOrgRole, roleWithin, type OrgRole, type StaffRole } from "@/lib/domain/permissions";
import type { Principal, PrincipalMembership, RequestContext } from "./principal";
import { hashSecret } from "./secrets";
import { cachedTokenPrincipal, rememberTokenPrincipal, shouldWriteLastUsed } from "./token-principal-cache";
import { API_TOKEN_PREFIX } from "@/lib/domain/api-tokens";
import type { AuthMethod } from "@/lib/domain/sign-in-policy";

async function membershipsOf(db: Db, userId: string): Promise<PrincipalMembership[]> {
  const rows = await db
    .select({ orgId: orgs.id, orgSlug: orgs.slug, orgName: orgs.legalNameJa, role: memberships.role })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(orgs.slug);
  return rows.filter((r) => isOrgRole(r.role)) as PrincipalMembership[];
}

/** `amr`: how the session signed in (lib/auth/session-amr), for the sign-in policy checks. */
export async function principalForUser(db: Db, userId: string, context: RequestContext, amr: AuthMethod[] = []): Promise<Principal | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  // An account that never proved its address is nobody: a session minted for it opens nothing.
  if (!user || !user.emailVerifiedAt) return null;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale === "en" ? "en" : "ja",
    memberships: await membershipsOf(db, user.id),
    staffRole: (user.staffRole as StaffRole | null) ?? null,
    amr,
    context,
  };
}

/**
 * An API token acts in its own org only, with its role — or less, if its creator has since
 * been demoted or removed (a token never outlives its creator's rights).
 */
export async function principalForToken(db: Db, secret: string, context: RequestContext, now = new Date()): Promise<Principal | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const secretHash = hashSecret(secret);
  const cached = cachedTokenPrincipal(secretHash, now.getTime());
  if (cached) return { ...cached, context };
  const [row] = await db
    .select({ token: apiTokens, org: orgs, user: users })
    .from(apiTokens)
    .innerJoin(orgs, eq(orgs.id, apiTokens.orgId))
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.secretHash, secretHash))
    .limit(1);
  if (!row || row.token.revokedAt || (row.token.expiresAt && row.token.expiresAt <= now)) return null;
  const [creator] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, row.org.id), eq(memberships.userId, row.user.id)))
    .limit(1);
  if (!creator || !isOrgRole(creator.role) || !isOrgRole(row.token.role)) return null;
  const role: OrgRole = roleWithin(row.token.role, creator.role) ? row.token.role : creator.role;
  // Last-used is informative (to the minute); a failure to record it must not fail the request.
  if (shouldWriteLastUsed(row.token.id, now.getTime())) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id)).catch(() => undefined);
  }
  const principal: Principal = {
    kind: "api_token",
    userId: row.user.id,
    email: row.user.email,
    name: `${row.token.name} (${row.token.prefix}…)`,
    locale: row.user.locale === "en" ? "en" : "ja",
    memberships: [{ orgId: row.org.id, orgSlug: row.org.slug, orgName: row.org.legalNameJa, role }],
    staffRole: null,
    tokenId: row.token.id,
    context,
  };
  const { context: _context, ...cacheable } = principal;
  rememberTokenPrincipal(secretHash, cacheable, row.token.expiresAt, now.getTime());
  return principal;
}
