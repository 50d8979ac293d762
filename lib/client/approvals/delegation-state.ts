import type { ApprovalDelegation } from "@/lib/domain/approvals";

// Where a 代理承認 stands for the person reading the list: not yet begun, in force, over (its last
// JST day has passed), or ended early by hand. The window is the API's [startsAt, endsAt), the
// same instants the approval check uses, so the list never says "in force" when a decision would be refused.

export type DelegationState = "scheduled" | "active" | "ended" | "revoked";

export function delegationState(d: Pick<ApprovalDelegation, "startsAt" | "endsAt" | "revokedAt">, now: Date): DelegationState {
  const endsAt = new Date(d.endsAt).getTime();
  // Ended by hand before its last day; one revoked after it simply ran its course.
  if (d.revokedAt && new Date(d.revokedAt).getTime() < endsAt) return "revoked";
  if (now.getTime() >= endsAt) return "ended";
  return now.getTime() < new Date(d.startsAt).getTime() ? "scheduled" : "active";
}

/** Only a delegation still to come or in force can be ended. */
export const canEndDelegation = (state: DelegationState) => state === "scheduled" || state === "active";
