import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { costCenters } from "@/lib/db/schema";
import { UpdateCostCenterInput, type CostCenter } from "@/lib/domain/cost-centers";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertOwnerIsMember } from "./create-cost-center";
import { loadCostCenter, ownerNames, toCostCenter } from "./cost-center-records";

// Renames, a new owner, archive or restore. There is no delete: issued invoices and past costs
// name the cost center, so it stays readable for as long as they are kept. The code never changes.

export async function updateCostCenter(principal: Principal, slug: string, id: string, raw: UpdateCostCenterInput, now: Date = new Date()): Promise<CostCenter> {
  const input = UpdateCostCenterInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "billing.write");
  if (input.ownerUserId !== undefined) await assertOwnerIsMember(db, orgId, input.ownerUserId);
  const row = await db.transaction(async (tx) => {
    const before = await loadCostCenter(tx, orgId, id);
    const archivedAt = input.archived === undefined ? before.archivedAt : input.archived ? (before.archivedAt ?? now) : null;
    const [after] = await tx
      .update(costCenters)
      .set({
        nameJa: input.nameJa ?? before.nameJa,
        nameEn: input.nameEn ?? before.nameEn,
        ownerUserId: input.ownerUserId === undefined ? before.ownerUserId : input.ownerUserId,
        archivedAt,
        updatedAt: now,
      })
      .where(and(eq(costCenters.orgId, orgId), eq(costCenters.id, id)))
      .returning();
    const action = input.archived === true && !before.archivedAt ? "cost_center.archive" : input.archived === false && before.archivedAt ? "cost_center.restore" : "cost_center.update";
    await recordAudit(tx, principal, orgId, {
      action,
      targetType: "cost_center",
      targetId: id,
      data: { code: before.code, before: { nameJa: before.nameJa, nameEn: before.nameEn, ownerUserId: before.ownerUserId, archived: before.archivedAt !== null }, after: { nameJa: after.nameJa, nameEn: after.nameEn, ownerUserId: after.ownerUserId, archived: after.archivedAt !== null } },
    });
    return after;
  });
  const names = await ownerNames(db, [row]);
  return toCostCenter(row, row.ownerUserId ? (names.get(row.ownerUserId) ?? null) : null);
}
