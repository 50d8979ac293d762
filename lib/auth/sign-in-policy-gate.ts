import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { orgSignInPolicies } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";
import { meetsRequirement, SIGN_IN_REQUIREMENTS, STAFF_REQUIREMENT, type SignInRequirement } from "@/lib/domain/sign-in-policy";
import type { Principal } from "./principal";

// Sign-in strength, checked where every org access is resolved (org-access.ts) and where the
// staff area is entered. People are held to it by how *this session* signed in (its amr), not
// by what their account could do: a password-only session of an account that has MFA set up
// does not meet "MFA required" until the person signs in again with the code.
// API tokens and the system are not people and are not held to it.

export async function orgSignInRequirement(db: Db, orgId: string): Promise<SignInRequirement> {
  // Read fresh on every request (one primary-key lookup): a tightened policy applies at once on
  // every instance, never after a cache expires.
  const [row] = await db.select({ requirement: orgSignInPolicies.requirement }).from(orgSignInPolicies).where(eq(orgSignInPolicies.orgId, orgId)).limit(1);
  const requirement = row?.requirement as SignInRequirement | undefined;
  return requirement && SIGN_IN_REQUIREMENTS.includes(requirement) ? requirement : "none";
}

export async function assertMeetsOrgSignInPolicy(db: Db, principal: Principal, org: { id: string; slug: string }): Promise<void> {
  if (principal.kind !== "user") return;
  const requirement = await orgSignInRequirement(db, org.id);
  if (meetsRequirement(principal.amr, requirement)) return;
  throw new AppError(requirement === "sso" ? "org_requires_sso" : "org_requires_mfa", `${org.slug} requires members to sign in with ${requirement === "sso" ? "single sign-on" : "a second factor"}`, {
    org: org.slug,
    requirement,
  });
}

/** Provider staff reach nothing (staff area, customer orgs) on a session without a second factor. */
export function staffSessionIsStrong(principal: Principal): boolean {
  return principal.kind !== "user" || !principal.staffRole || meetsRequirement(principal.amr, STAFF_REQUIREMENT);
}

export function assertStaffSessionIsStrong(principal: Principal): void {
  if (!staffSessionIsStrong(principal)) throw new AppError("staff_mfa_required", "staff accounts must sign in with a second factor");
}
