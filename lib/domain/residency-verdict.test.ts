import { describe, expect, it } from "vitest";
import { residencyRemedies, residencyVerdict } from "./residency-verdict";

describe("residency verdict for people", () => {
  it("calls a GPU-less resource 対象外 instead of a warning", () => {
    expect(residencyVerdict({ status: "warning", reasons: [{ code: "no_hardware", subject: "cl_1" }] })).toBe("not_applicable");
    expect(residencyVerdict({ status: "warning", reasons: [{ code: "no_hardware", subject: "cl_1" }, { code: "facility_unknown", subject: "x" }] })).toBe("warning");
    expect(residencyVerdict({ status: "affirming", reasons: [] })).toBe("affirming");
  });

  it("gives the remedy for an L40S: the GPU cannot do confidential computing, H100/H200 can", () => {
    const remedies = residencyRemedies(
      [
        { code: "cc_off" },
        { code: "nras_not_run" },
        { code: "cc_off" },
      ],
      ["NVIDIA L40S", "NVIDIA L40S"],
    );
    expect(remedies).toEqual([{ key: "cc_unsupported", model: "L40S", supported: ["H100", "H200", "B200", "GB200"] }]);
  });

  it("asks the operator when a capable GPU has its CC mode off, and points elsewhere for location findings", () => {
    expect(residencyRemedies([{ code: "cc_off" }, { code: "facility_outside_japan" }], ["NVIDIA H100 80GB HBM3"])).toEqual([{ key: "cc_off" }, { key: "location" }]);
  });
});
