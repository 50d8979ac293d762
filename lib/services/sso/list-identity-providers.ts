import "server-only";
import { asc, eq } from "drizzle-orm";
import { orgIdentityProviders } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { IdentityProviderList } from "@/lib/domain/sso";
import { orgContext } from "../access/org-context";
import { toIdentityProvider } from "./identity-provider-view";
import { domainsOfOrg } from "./org-domains";

/** The org's own identity providers and the domains its account manager verified (owner only). */
export async function listIdentityProviders(principal: Principal, slug: string): Promise<IdentityProviderList> {
  const { db, orgId } = await orgContext(principal, slug, "sso.manage");
  const [rows, verifiedDomains] = await Promise.all([
    db.select().from(orgIdentityProviders).where(eq(orgIdentityProviders.orgId, orgId)).orderBy(asc(orgIdentityProviders.id)),
    domainsOfOrg(db, orgId),
  ]);
  const items = rows.map((row) => toIdentityProvider(row, verifiedDomains.filter((d) => d.identityProviderId === row.id).map((d) => d.domain)));
  return { items, verifiedDomains };
}
