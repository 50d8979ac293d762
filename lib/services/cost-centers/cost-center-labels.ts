import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { costCenters } from "@/lib/db/schema";
import type { CostCenterLabel } from "@/lib/domain/billing-api";

/** Every cost center of an org, archived ones included: past costs and invoices still name them. */
export async function costCenterLabels(db: DbOrTx, orgId: string): Promise<CostCenterLabel[]> {
  const rows = await db
    .select({ id: costCenters.id, code: costCenters.code, nameJa: costCenters.nameJa, nameEn: costCenters.nameEn, archivedAt: costCenters.archivedAt })
    .from(costCenters)
    .where(eq(costCenters.orgId, orgId))
    .orderBy(asc(costCenters.code));
  return rows.map(({ archivedAt, ...r }) => ({ ...r, archived: archivedAt !== null }));
}
