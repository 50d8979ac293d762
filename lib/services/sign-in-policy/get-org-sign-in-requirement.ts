import "server-only";
import { getDb } from "@/lib/db/client";
import type { Principal } from "@/lib/auth/principal";
import { hasEnabledTotp } from "@/lib/auth/mfa/second-factor";
import { orgSignInRequirement } from "@/lib/auth/sign-in-policy-gate";
import { AppError } from "@/lib/domain/errors";
import { meetsRequirement, type SignInRequirement } from "@/lib/domain/sign-in-policy";

export interface OrgSignInRequirement {
  org: { slug: string; name: string };
  requirement: SignInRequirement;
  /** Whether this session meets it (then the org is open to them). */
  met: boolean;
  /** Whether the person has a second factor set up (then signing in again with it is the way in). */
  mfaEnabled: boolean;
}

/**
 * For the page that explains why an org is closed to a member: what the org asks and what this
 * session proved. Members only — to anyone else the org does not exist (404), as everywhere.
 */
export async function getOrgSignInRequirement(principal: Principal, slug: string): Promise<OrgSignInRequirement> {
  const membership = principal.kind === "user" ? principal.memberships.find((m) => m.orgSlug === slug) : undefined;
  if (!membership) throw new AppError("not_found", "organization not found");
  const db = await getDb();
  const requirement = await orgSignInRequirement(db, membership.orgId);
  return {
    org: { slug: membership.orgSlug, name: membership.orgName },
    requirement,
    met: meetsRequirement(principal.amr, requirement),
    mfaEnabled: await hasEnabledTotp(db, principal.userId),
  };
}
