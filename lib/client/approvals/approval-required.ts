import { ApiError } from "@/lib/sdk/api-error";

// An order that a 稟議 rule holds needs 件名 and 目的. The cluster wizard learns that from its
// preflight; the other order forms (endpoint create and scale-up, node-pool scale-up, reservation)
// learn it from the API's answer — a 400 naming approval.subject with reason approval_required —
// and then ask for both and send the same order again. This reads that answer.

export interface ApprovalRequirement {
  policyName: string;
  /** The rule's stages' names in order, e.g. ["課長", "部長"] (none when only the account manager holds it). */
  stages: string[];
  /** Set when the contract also needs the account manager's approval (last): its threshold in yen. */
  accountManagerThresholdJpy: number | null;
}

export function approvalRequiredBy(error: unknown): ApprovalRequirement | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const d = error.details ?? {};
  if (d.reason !== "approval_required") return null;
  return {
    policyName: typeof d.policyName === "string" ? d.policyName : "",
    stages: Array.isArray(d.stages) ? d.stages.filter((s): s is string => typeof s === "string") : [],
    accountManagerThresholdJpy: typeof d.accountManagerThresholdJpy === "number" ? d.accountManagerThresholdJpy : null,
  };
}
