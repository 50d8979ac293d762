import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { costAllocations, costCenterPolicies, costCenters, users } from "@/lib/db/schema";
import type { CostAllocation, CostCenter } from "@/lib/domain/cost-centers";
import { notFound } from "@/lib/domain/errors";

// Rows of cost centers and allocations, and their API shapes. Always loaded by (org, id).

export type CostCenterRow = typeof costCenters.$inferSelect;
export type CostAllocationRow = typeof costAllocations.$inferSelect;

export function toCostCenter(row: CostCenterRow, ownerName: string | null): CostCenter {
  return {
    id: row.id,
    code: row.code,
    nameJa: row.nameJa,
    nameEn: row.nameEn,
    ownerUserId: row.ownerUserId,
    ownerName,
    archived: row.archivedAt !== null,
    archivedAt: row.archivedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function ownerNames(db: DbOrTx, rows: readonly CostCenterRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.ownerUserId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(found.map((u) => [u.id, u.name]));
}

export async function loadCostCenter(db: DbOrTx, orgId: string, id: string): Promise<CostCenterRow> {
  const [row] = await db.select().from(costCenters).where(and(eq(costCenters.orgId, orgId), eq(costCenters.id, id)));
  if (!row) throw notFound("cost center");
  return row;
}

export async function isCostCenterRequired(db: DbOrTx, orgId: string): Promise<boolean> {
  const [row] = await db.select({ required: costCenterPolicies.required }).from(costCenterPolicies).where(eq(costCenterPolicies.orgId, orgId));
  return row?.required ?? false;
}

export function toCostAllocation(row: CostAllocationRow, center: CostCenterRow | undefined): CostAllocation {
  return {
    id: row.id,
    resourceKind: row.resourceKind,
    resourceId: row.resourceId,
    costCenterId: row.costCenterId,
    costCenterCode: center?.code ?? null,
    costCenterNameJa: center?.nameJa ?? null,
    costCenterNameEn: center?.nameEn ?? null,
    poNumber: row.poNumber,
    effectiveFrom: row.effectiveFrom,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A resource's allocations, newest first (the first is the one in force). */
export async function allocationHistory(db: DbOrTx, orgId: string, resourceId: string): Promise<CostAllocation[]> {
  const rows = await db
    .select()
    .from(costAllocations)
    .where(and(eq(costAllocations.orgId, orgId), eq(costAllocations.resourceId, resourceId)))
    .orderBy(desc(costAllocations.effectiveFrom), desc(costAllocations.id));
  const centerIds = [...new Set(rows.map((r) => r.costCenterId).filter((id): id is string => id !== null))];
  const centers = centerIds.length ? await db.select().from(costCenters).where(and(eq(costCenters.orgId, orgId), inArray(costCenters.id, centerIds))) : [];
  const byId = new Map(centers.map((c) => [c.id, c]));
  return rows.map((r) => toCostAllocation(r, r.costCenterId ? byId.get(r.costCenterId) : undefined));
}
