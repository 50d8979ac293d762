import { describe, expect, it } from "vitest";
import { CreateApprovalPolicyInput } from "@/lib/domain/approvals";
import { emptyPolicyForm, parseYen, policyToForm, readPolicyForm, type PolicyForm } from "./approval-policy-form";

const twoStages: PolicyForm = {
  name: " 部長決裁 ",
  actions: ["endpoint.create", "cluster.create", "cluster.create"],
  threshold: "¥1,000,000",
  expiresAfterDays: "14",
  stages: [
    { name: "課長", roles: [], userIds: ["usr_billing"] },
    { name: "部長", roles: ["owner", "owner"], userIds: [] },
  ],
};

describe("the 承認ルール form", () => {
  it("reads yen as people write it, and nothing else", () => {
    expect(parseYen("1,000,000")).toBe(1_000_000);
    expect(parseYen("¥1,000,000")).toBe(1_000_000);
    expect(parseYen("１，０００，０００円")).toBe(1_000_000);
    expect(parseYen("0")).toBe(0);
    for (const bad of ["", "1.5", "-1", "百万", "1e6", "99999999999999"]) expect(parseYen(bad)).toBeNull();
  });

  it("turns a two-stage rule into exactly what the API accepts, in the API's order of actions", () => {
    const read = readPolicyForm(twoStages);
    expect(read).toEqual({
      ok: true,
      input: {
        name: "部長決裁",
        actions: ["cluster.create", "endpoint.create"],
        thresholdMonthlyJpy: 1_000_000,
        expiresAfterDays: 14,
        stages: [
          { name: "課長", approvers: { roles: [], userIds: ["usr_billing"] } },
          { name: "部長", approvers: { roles: ["owner"], userIds: [] } },
        ],
      },
    });
    if (read.ok) expect(CreateApprovalPolicyInput.safeParse(read.input).success).toBe(true);
  });

  it("names every problem by its field before anything is sent", () => {
    const read = readPolicyForm({ name: "  ", actions: [], threshold: "百万円", expiresAfterDays: "0", stages: [{ name: "", roles: [], userIds: [] }] });
    expect(read).toEqual({
      ok: false,
      errors: { name: "required", actions: "noActions", threshold: "yen", expiresAfterDays: "days", "stages.0.name": "required", "stages.0.approvers": "noApprovers" },
    });
    expect(readPolicyForm({ ...twoStages, threshold: "" })).toMatchObject({ ok: false, errors: { threshold: "required" } });
    expect(readPolicyForm({ ...twoStages, expiresAfterDays: "91" })).toMatchObject({ ok: false, errors: { expiresAfterDays: "days" } });
    expect(readPolicyForm({ ...twoStages, stages: [] })).toMatchObject({ ok: false, errors: { stages: "noStages" } });
    expect(readPolicyForm({ ...twoStages, stages: Array.from({ length: 6 }, () => twoStages.stages[0]) })).toMatchObject({ ok: false, errors: { stages: "tooManyStages" } });
  });

  it("starts empty with one stage to fill, and edits a saved rule as it was saved", () => {
    expect(readPolicyForm(emptyPolicyForm())).toMatchObject({ ok: false, errors: { name: "required", threshold: "required", "stages.0.approvers": "noApprovers" } });
    const saved = { id: "apol_1", name: "部長決裁", actions: ["cluster.create" as const], thresholdMonthlyJpy: 1_000_000, stages: [{ name: "部長", approvers: { roles: ["owner" as const], userIds: [] } }], expiresAfterDays: 7, createdAt: "", updatedAt: "" };
    const read = readPolicyForm(policyToForm(saved));
    expect(read).toEqual({ ok: true, input: { name: "部長決裁", actions: ["cluster.create"], thresholdMonthlyJpy: 1_000_000, expiresAfterDays: 7, stages: saved.stages } });
  });
});
