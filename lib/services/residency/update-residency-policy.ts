import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import { residencyPolicies } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { REGIONS } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { POLICY_EXCLUDES_RUNNING, UpdateResidencyPolicyInput, type ResidencyPolicy, type ResourceOutsidePolicy } from "@/lib/domain/residency-policy";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { LIVE_STATUSES, orgResources } from "../attestations/org-resources";
import { allowedRegions } from "./residency-policy";

/**
 * Owner/admin set the regions workloads may run in. A change that would leave live clusters or
 * endpoints outside the policy is refused, naming them: move or delete them first.
 */
export async function updateResidencyPolicy(cp: ControlPlane, principal: Principal, slug: string, rawInput: UpdateResidencyPolicyInput): Promise<ResidencyPolicy> {
  const input = UpdateResidencyPolicyInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "residency.write");
  // Catalog order, whatever order the caller sent.
  const next = REGIONS.map((r) => r.id).filter((id) => input.allowedRegions.includes(id));

  const live = (await orgResources(cp, orgId)).filter((r) => LIVE_STATUSES.includes(r.status));
  const outside: ResourceOutsidePolicy[] = live
    .filter((r) => !next.includes(r.regionId))
    .map((r) => ({ id: r.id, kind: r.kind, name: r.name, regionId: r.regionId, status: r.status }));
  if (outside.length > 0) {
    throw new AppError(
      "business_rule",
      `the policy would exclude running resources: ${outside.map((r) => `${r.name} (${r.regionId})`).join(", ")}`,
      { field: "allowedRegions", reason: POLICY_EXCLUDES_RUNNING, resources: outside },
    );
  }

  const previous = await allowedRegions(db, orgId);
  const updatedAt = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(residencyPolicies)
      .values({ orgId, allowedRegions: next, updatedBy: principal.userId, updatedAt })
      .onConflictDoUpdate({ target: residencyPolicies.orgId, set: { allowedRegions: next, updatedBy: principal.userId, updatedAt } });
    await recordAudit(tx, principal, orgId, {
      action: "residency_policy.update",
      targetType: "residency_policy",
      targetId: orgId,
      data: { from: previous, to: next },
    });
  });
  return { allowedRegions: next, isDefault: false, updatedAt: updatedAt.toISOString(), updatedBy: principal.userId };
}
