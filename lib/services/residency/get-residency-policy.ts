import "server-only";
import { eq } from "drizzle-orm";
import { residencyPolicies } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { REGIONS } from "@/lib/domain/catalog";
import type { ResidencyPolicy } from "@/lib/domain/residency-policy";
import { orgContext } from "../access/org-context";

/** The org's allowed regions; everyone in the org may read it (it explains refused launches). */
export async function getResidencyPolicy(principal: Principal, slug: string): Promise<ResidencyPolicy> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const [row] = await db.select().from(residencyPolicies).where(eq(residencyPolicies.orgId, orgId)).limit(1);
  if (!row) return { allowedRegions: REGIONS.map((r) => r.id), isDefault: true, updatedAt: null, updatedBy: null };
  return { allowedRegions: row.allowedRegions, isDefault: false, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
}
