import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { costAllocations } from "@/lib/db/schema";
import { jstDateOf } from "@/lib/domain/billing";
import type { CostAllocatedKind, OrderCostAllocation } from "@/lib/domain/cost-centers";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { isCostCenterRequired, loadCostCenter } from "./cost-center-records";

// The one check every order (cluster, endpoint, reservation) makes about who pays, and the one
// way its allocation is recorded. Called by the create services before anything is recorded,
// and again inside their transaction to write the allocation with the order.

export interface CheckedAllocation {
  costCenterId: string | null;
  poNumber: string | null;
}

/** Refuses an unknown or archived cost center, and a missing one when the org requires it. */
export async function checkOrderAllocation(db: DbOrTx, orgId: string, input: OrderCostAllocation): Promise<CheckedAllocation> {
  const costCenterId = input.costCenterId ?? null;
  const poNumber = input.poNumber ?? null;
  if (costCenterId === null) {
    if (await isCostCenterRequired(db, orgId)) {
      throw new AppError("validation_failed", "this organization requires a cost center on every order", { field: "costCenterId", reason: "cost_center_required" });
    }
    return { costCenterId, poNumber };
  }
  const center = await loadCostCenter(db, orgId, costCenterId).catch(() => {
    throw new AppError("validation_failed", "unknown cost center", { field: "costCenterId", reason: "cost_center_unknown" });
  });
  if (center.archivedAt) throw new AppError("validation_failed", `cost center ${center.code} is archived`, { field: "costCenterId", reason: "cost_center_archived" });
  return { costCenterId, poNumber };
}

/** Writes an allocation effective from today (JST); nothing when an order names neither. */
export async function recordAllocation(
  tx: DbOrTx,
  principal: Principal,
  orgId: string,
  resource: { kind: CostAllocatedKind; id: string },
  allocation: CheckedAllocation,
  now: Date = new Date(),
  options: { evenIfEmpty?: boolean } = {},
): Promise<string | null> {
  if (!options.evenIfEmpty && allocation.costCenterId === null && allocation.poNumber === null) return null;
  const id = newId("costAllocation", now.getTime());
  await tx.insert(costAllocations).values({
    id,
    orgId,
    resourceKind: resource.kind,
    resourceId: resource.id,
    costCenterId: allocation.costCenterId,
    poNumber: allocation.poNumber,
    effectiveFrom: jstDateOf(now),
    createdBy: principal.email ?? principal.name,
    createdAt: now,
  });
  return id;
}
