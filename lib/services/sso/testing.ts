import type { Db } from "@/lib/db/client";
import { staffAssignments } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { loadOrgProviderForSignIn } from "@/lib/auth/org-identity-providers";
import type { OidcProviderContext } from "@/lib/auth/sign-in-oidc";
import { createUser, principalOf } from "../testing/fixtures";

// Shared set-up of the SSO tests: a KEK for this process (no development key written), staff,
// and the provider context Auth.js would build for an org provider's callback.


export const PASSWORD = "correct horse battery staple";

export async function staffOf(db: Db, email: string, role: "platform_admin" | "account_manager", assignedOrgIds: string[] = []) {
  const id = await createUser(db, email, { staffRole: role, passwordHash: await hashPassword(PASSWORD) });
  for (const orgId of assignedOrgIds) await db.insert(staffAssignments).values({ orgId, staffUserId: id });
  return { id, principal: await principalOf(db, id) };
}

/** Exactly what the Auth.js callback of this provider hands to signInWithOidc. */
export async function orgProviderContext(db: Db, idpId: string): Promise<OidcProviderContext> {
  const idp = await loadOrgProviderForSignIn(db, idpId);
  if (!idp) throw new Error(`no provider ${idpId}`);
  return { kind: "org", providerId: idp.id, issuer: idp.issuer, orgId: idp.orgId, domains: idp.domains, jitRole: idp.jitRole };
}

export const STAFF_IDP: OidcProviderContext = { kind: "staff", providerId: "sso", issuer: "https://login.hinoki.example" };

export { useTestKek } from "../testing/fixtures";
