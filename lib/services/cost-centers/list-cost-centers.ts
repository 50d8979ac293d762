import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { costCenters } from "@/lib/db/schema";
import type { CostCenter } from "@/lib/domain/cost-centers";
import { orgContext } from "../access/org-context";
import { loadCostCenter, ownerNames, toCostCenter } from "./cost-center-records";

/** The org's cost centers by code; archived ones only when asked (reports still need their names). */
export async function listCostCenters(principal: Principal, slug: string, options: { includeArchived?: boolean } = {}): Promise<Page<CostCenter>> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const where = options.includeArchived ? eq(costCenters.orgId, orgId) : and(eq(costCenters.orgId, orgId), isNull(costCenters.archivedAt));
  const rows = await db.select().from(costCenters).where(where).orderBy(asc(costCenters.code));
  const names = await ownerNames(db, rows);
  return wholePage(rows.map((r) => toCostCenter(r, r.ownerUserId ? (names.get(r.ownerUserId) ?? null) : null)));
}

export async function getCostCenter(principal: Principal, slug: string, id: string): Promise<CostCenter> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const row = await loadCostCenter(db, orgId, id);
  const names = await ownerNames(db, [row]);
  return toCostCenter(row, row.ownerUserId ? (names.get(row.ownerUserId) ?? null) : null);
}
