import "server-only";
import { and, eq, isNull, ne } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { clusters, endpoints } from "@/lib/db/schema";
import { SetCostAllocationInput, type CostAllocatedKind, type CostAllocationHistory } from "@/lib/domain/cost-centers";
import { AppError, notFound } from "@/lib/domain/errors";
import type { Permission } from "@/lib/domain/permissions";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { allocationHistory } from "./cost-center-records";
import { checkOrderAllocation, recordAllocation } from "./order-allocation";

// Changing who pays for a running workload: effective from today (JST) — costs before stay with
// the cost center they were charged to. Allowed to whoever may change the workload, and to billing.

const KIND_OF_PREFIX: Record<string, CostAllocatedKind> = { cl: "cluster", ep: "endpoint" };
const WRITE_PERMISSION: Record<CostAllocatedKind, Permission> = { cluster: "clusters.write", endpoint: "endpoints.write", reservation: "clusters.write" };

function kindOf(resourceId: string): CostAllocatedKind {
  const kind = KIND_OF_PREFIX[resourceId.split("_")[0]];
  if (!kind) throw notFound("resource");
  return kind;
}

async function assertResourceExists(db: DbOrTx, orgId: string, kind: CostAllocatedKind, id: string): Promise<string> {
  if (kind === "cluster") {
    const [row] = await db.select({ name: clusters.name }).from(clusters).where(and(eq(clusters.orgId, orgId), eq(clusters.id, id), ne(clusters.status, "deleted")));
    if (row) return row.name;
  } else if (kind === "endpoint") {
    const [row] = await db.select({ name: endpoints.name }).from(endpoints).where(and(eq(endpoints.orgId, orgId), eq(endpoints.id, id), isNull(endpoints.deletedAt)));
    if (row) return row.name;
  }
  throw notFound(kind);
}

export async function getCostAllocation(principal: Principal, slug: string, resourceId: string): Promise<CostAllocationHistory> {
  const kind = kindOf(resourceId);
  const { db, orgId } = await orgContext(principal, slug, kind === "endpoint" ? "endpoints.read" : "clusters.read");
  await assertResourceExists(db, orgId, kind, resourceId);
  const history = await allocationHistory(db, orgId, resourceId);
  return { current: history[0] ?? null, history };
}

export async function setCostAllocation(principal: Principal, slug: string, resourceId: string, raw: SetCostAllocationInput, now: Date = new Date()): Promise<CostAllocationHistory> {
  const input = SetCostAllocationInput.parse(raw);
  const kind = kindOf(resourceId);
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  if (!access.permissions.includes(WRITE_PERMISSION[kind]) && !access.permissions.includes("billing.write")) {
    throw new AppError("forbidden", `missing permission ${WRITE_PERMISSION[kind]}`, { permission: WRITE_PERMISSION[kind] });
  }
  const name = await assertResourceExists(db, orgId, kind, resourceId);
  const checked = await checkOrderAllocation(db, orgId, { costCenterId: input.costCenterId, poNumber: input.poNumber ?? null });
  await db.transaction(async (tx) => {
    const [before] = await allocationHistory(tx, orgId, resourceId);
    const allocationId = await recordAllocation(tx, principal, orgId, { kind, id: resourceId }, checked, now, { evenIfEmpty: true });
    await recordAudit(tx, principal, orgId, {
      action: "cost_allocation.change",
      targetType: kind,
      targetId: resourceId,
      data: {
        name,
        allocationId,
        before: before ? { costCenterId: before.costCenterId, costCenterCode: before.costCenterCode, poNumber: before.poNumber } : null,
        after: { costCenterId: checked.costCenterId, poNumber: checked.poNumber },
        effectiveFrom: now.toISOString(),
      },
    });
  });
  const history = await allocationHistory(db, orgId, resourceId);
  return { current: history[0] ?? null, history };
}
