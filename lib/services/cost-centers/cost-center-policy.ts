import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { costCenterPolicies } from "@/lib/db/schema";
import { CostCenterPolicy } from "@/lib/domain/cost-centers";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { isCostCenterRequired } from "./cost-center-records";

// 「すべての注文に部門を必須にする」: read by anyone in the org (the wizards show the field as
// required), changed by billing, admin and owner members, audited.

export async function getCostCenterPolicy(principal: Principal, slug: string): Promise<CostCenterPolicy> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  return { required: await isCostCenterRequired(db, orgId) };
}

export async function putCostCenterPolicy(principal: Principal, slug: string, raw: CostCenterPolicy, now: Date = new Date()): Promise<CostCenterPolicy> {
  const input = CostCenterPolicy.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "billing.write");
  await db.transaction(async (tx) => {
    const before = await isCostCenterRequired(tx, orgId);
    await tx
      .insert(costCenterPolicies)
      .values({ orgId, required: input.required, updatedBy: principal.email, updatedAt: now })
      .onConflictDoUpdate({ target: costCenterPolicies.orgId, set: { required: input.required, updatedBy: principal.email, updatedAt: now } });
    await recordAudit(tx, principal, orgId, { action: "cost_center_policy.update", targetType: "org", targetId: orgId, data: { before: { required: before }, after: { required: input.required } } });
  });
  return input;
}
