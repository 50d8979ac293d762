import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { orgs, staffAssignments } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";
import { ROLE_PERMISSIONS, STAFF_ORG_PERMISSIONS, type OrgRole, type Permission } from "@/lib/domain/permissions";
import type { Principal } from "./principal";
import { assertMeetsOrgSignInPolicy, assertStaffSessionIsStrong } from "./sign-in-policy-gate";

// The one gate to tenant data. An org the caller has no relation to is a 404, exactly like one
// that does not exist; an org they belong to but lack the permission for is a 403.

export interface OrgAccess {
  org: { id: string; slug: string; legalNameJa: string; legalNameEn: string };
  /** The caller's role as a member; null when they look in as provider staff. */
  role: OrgRole | null;
  via: "member" | "staff";
  permissions: readonly Permission[];
}

// Every org-scoped request starts by turning the slug into the org. Slugs never change and
// orgs are not deleted, so the row is kept for a short while per process; a profile update
// clears it (forgetOrg) so names are never stale for long.
const ORG_CACHE_TTL_MS = 30_000;
type OrgRow = OrgAccess["org"];
const orgCache = () => processSingleton("orgBySlug", () => new Map<string, { org: OrgRow; until: number }>());

async function orgBySlug(db: Db, slug: string): Promise<OrgRow | null> {
  const cache = orgCache();
  const hit = cache.get(slug);
  if (hit && hit.until > Date.now()) return hit.org;
  const [org] = await db
    .select({ id: orgs.id, slug: orgs.slug, legalNameJa: orgs.legalNameJa, legalNameEn: orgs.legalNameEn })
    .from(orgs)
    .where(eq(orgs.slug, slug))
    .limit(1);
  if (org) {
    if (cache.size > 10_000) cache.clear();
    cache.set(slug, { org, until: Date.now() + ORG_CACHE_TTL_MS });
  }
  return org ?? null;
}

export function forgetOrg(slug: string): void {
  orgCache().delete(slug);
}

export async function resolveOrgAccess(db: Db, principal: Principal, slug: string): Promise<OrgAccess> {
  // Before anything about the org is looked up: staff without a second factor reach no org at all.
  assertStaffSessionIsStrong(principal);
  const membership = principal.memberships.find((m) => m.orgSlug === slug);
  const org = await orgBySlug(db, slug);
  if (!org) throw new AppError("not_found", "organization not found");
  if (membership && membership.orgId === org.id) {
    // Only a member learns the org's sign-in policy (a 403 naming it); anyone else gets the 404 below.
    await assertMeetsOrgSignInPolicy(db, principal, org);
    return { org, role: membership.role, via: "member", permissions: ROLE_PERMISSIONS[membership.role] };
  }
  if (principal.kind === "user" && principal.staffRole === "platform_admin") {
    return { org, role: null, via: "staff", permissions: STAFF_ORG_PERMISSIONS };
  }
  if (principal.kind === "user" && principal.staffRole === "account_manager") {
    const [assigned] = await db
      .select({ orgId: staffAssignments.orgId })
      .from(staffAssignments)
      .where(and(eq(staffAssignments.orgId, org.id), eq(staffAssignments.staffUserId, principal.userId)))
      .limit(1);
    if (assigned) return { org, role: null, via: "staff", permissions: STAFF_ORG_PERMISSIONS };
  }
  throw new AppError("not_found", "organization not found");
}

export function requirePermission(access: OrgAccess, permission: Permission): void {
  if (!access.permissions.includes(permission)) {
    throw new AppError("forbidden", `missing permission ${permission}`, { permission });
  }
}
