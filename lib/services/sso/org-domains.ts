import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { orgDomains } from "@/lib/db/schema";
import type { OrgDomain } from "@/lib/domain/sso";

// The org's verified e-mail domains, as both sides (staff, the org's owner) see them.

export function toOrgDomain(row: typeof orgDomains.$inferSelect): OrgDomain {
  return { domain: row.domain, identityProviderId: row.identityProviderId, verifiedBy: row.verifiedBy, verifiedAt: row.createdAt.toISOString() };
}

export async function domainsOfOrg(db: DbOrTx, orgId: string): Promise<OrgDomain[]> {
  const rows = await db.select().from(orgDomains).where(eq(orgDomains.orgId, orgId)).orderBy(asc(orgDomains.domain));
  return rows.map(toOrgDomain);
}
