import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/sdk/api-error";
import { approvalRequiredBy } from "./approval-required";

describe("reading that an order needs 件名・目的 from the API's answer", () => {
  it("names the rule and its stages when a rule holds the order", () => {
    const error = new ApiError(400, "validation_failed", "this order needs approval", { field: "approval.subject", reason: "approval_required", policyId: "apl_1", policyName: "推論の新設", stages: ["課長", "部長"] });
    expect(approvalRequiredBy(error)).toEqual({ policyName: "推論の新設", stages: ["課長", "部長"], accountManagerThresholdJpy: null });
  });

  it("says when the contract also needs the account manager's approval, and above what", () => {
    const error = new ApiError(400, "validation_failed", "this order needs approval", { field: "approval.subject", reason: "approval_required", policyId: null, policyName: "", stages: [], accountManagerThresholdJpy: 10_000_000 });
    expect(approvalRequiredBy(error)).toEqual({ policyName: "", stages: [], accountManagerThresholdJpy: 10_000_000 });
  });

  it("is null for any other refusal, including other validation errors and non-API errors", () => {
    expect(approvalRequiredBy(new ApiError(400, "validation_failed", "name is required", { field: "name" }))).toBeNull();
    expect(approvalRequiredBy(new ApiError(409, "conflict", "busy", { reason: "approval_required" }))).toBeNull();
    expect(approvalRequiredBy(new Error("network"))).toBeNull();
    expect(approvalRequiredBy(undefined)).toBeNull();
  });
});
