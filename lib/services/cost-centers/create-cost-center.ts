import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { costCenters, memberships } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/client";
import { CreateCostCenterInput, type CostCenter } from "@/lib/domain/cost-centers";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { ownerNames, toCostCenter } from "./cost-center-records";

// 部門・プロジェクトの登録: a code unique in the org (an archived one keeps its code, so a code
// always means one cost center in every report), names in both languages, an owner who is a member.

export async function assertOwnerIsMember(db: DbOrTx, orgId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  const [m] = await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m) throw new AppError("validation_failed", "the owner must be a member of the organization", { field: "ownerUserId" });
}

export async function createCostCenter(principal: Principal, slug: string, raw: CreateCostCenterInput, now: Date = new Date()): Promise<CostCenter> {
  const input = CreateCostCenterInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "billing.write");
  await assertOwnerIsMember(db, orgId, input.ownerUserId);
  const row = await db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: costCenters.id }).from(costCenters).where(and(eq(costCenters.orgId, orgId), eq(costCenters.code, input.code)));
    if (taken) throw new AppError("already_exists", `a cost center with code ${input.code} already exists`, { field: "code" });
    const [created] = await tx
      .insert(costCenters)
      .values({ id: newId("costCenter", now.getTime()), orgId, code: input.code, nameJa: input.nameJa, nameEn: input.nameEn, ownerUserId: input.ownerUserId ?? null, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "cost_center.create", targetType: "cost_center", targetId: created.id, data: { code: input.code, nameJa: input.nameJa, nameEn: input.nameEn, ownerUserId: input.ownerUserId ?? null } });
    return created;
  });
  const names = await ownerNames(db, [row]);
  return toCostCenter(row, row.ownerUserId ? (names.get(row.ownerUserId) ?? null) : null);
}
