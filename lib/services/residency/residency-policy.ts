import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { residencyPolicies } from "@/lib/db/schema";
import { findRegion, REGIONS } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";

// Which regions an org allows its workloads in (default: all of Japan). Launches outside the
// policy are refused before anything is created.

export async function allowedRegions(db: DbOrTx, orgId: string): Promise<string[]> {
  const [row] = await db.select().from(residencyPolicies).where(eq(residencyPolicies.orgId, orgId)).limit(1);
  return row?.allowedRegions ?? REGIONS.map((r) => r.id);
}

export async function assertResidencyAllowed(db: DbOrTx, orgId: string, regionId: string, field = "zoneId"): Promise<void> {
  const allowed = await allowedRegions(db, orgId);
  if (!findRegion(regionId) || !allowed.includes(regionId)) {
    throw new AppError("residency_violation", `region ${regionId} is outside the residency policy`, { field, regionId, allowedRegions: allowed });
  }
}
