import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { orgSignInPolicies } from "@/lib/db/schema";
import { AppError } from "@/lib/domain/errors";
import { meetsRequirement, POLICY_WOULD_LOCK_OUT, UpdateSignInPolicyInput, type SignInPolicy } from "@/lib/domain/sign-in-policy";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { readSignInPolicy } from "./get-sign-in-policy";

/**
 * The owner sets how members must sign in: "none", "mfa" or "sso" (audited). Two refusals a
 * bank's reviewer would ask for: an API token cannot change how people sign in (it is not a
 * person), and an owner cannot set a policy their own session does not meet — it would shut them
 * out of their own org on the spot (sign in with it first, then require it).
 */
export async function updateSignInPolicy(principal: Principal, slug: string, rawInput: UpdateSignInPolicyInput): Promise<SignInPolicy> {
  const input = UpdateSignInPolicyInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "sign_in_policy.write");
  if (principal.kind !== "user") throw new AppError("forbidden", "only a person can change how people sign in", { permission: "sign_in_policy.write" });
  if (!meetsRequirement(principal.amr, input.requirement)) {
    throw new AppError("business_rule", "your own session does not meet this policy: sign in that way first", {
      field: "requirement",
      reason: POLICY_WOULD_LOCK_OUT,
    });
  }
  const previous = await readSignInPolicy(db, orgId);
  const updatedAt = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(orgSignInPolicies)
      .values({ orgId, requirement: input.requirement, updatedBy: principal.userId, updatedAt })
      .onConflictDoUpdate({ target: orgSignInPolicies.orgId, set: { requirement: input.requirement, updatedBy: principal.userId, updatedAt } });
    await recordAudit(tx, principal, orgId, {
      action: "sign_in_policy.update",
      targetType: "sign_in_policy",
      targetId: orgId,
      data: { from: previous.requirement, to: input.requirement },
    });
  });
  return readSignInPolicy(db, orgId);
}
