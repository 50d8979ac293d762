import { describe, expect, it } from "vitest";
import { Contract, contractOn, contractSegments, discountBps } from "./contract";

describe("contracts", () => {
  const a = Contract.parse({ discountPercent: 10, discountByGpuModel: { H100: 25 }, effectiveFrom: "2026-11-01" });
  const b = Contract.parse({ discountPercent: 12.5, effectiveFrom: "2026-11-15" });

  it("applies the per-model discount instead of the overall one", () => {
    expect(discountBps(a, "H100")).toBe(2500);
    expect(discountBps(a, "H200")).toBe(1000);
    expect(discountBps(a, null)).toBe(1000);
    expect(discountBps(undefined, "H100")).toBe(0);
  });

  it("takes effect from its JST date", () => {
    expect(contractOn([a, b], "2026-10-31")).toBeUndefined();
    expect(contractOn([a, b], "2026-11-14")).toBe(a);
    expect(contractOn([a, b], "2026-11-15")).toBe(b);
    expect(contractSegments([a, b], "2026-10-25", "2026-12-01").map((s) => [s.from, s.to, s.contract?.discountPercent])).toEqual([
      ["2026-10-25", "2026-11-01", undefined],
      ["2026-11-01", "2026-11-15", 10],
      ["2026-11-15", "2026-12-01", 12.5],
    ]);
  });

  it("rejects discounts finer than 0.01 %", () => {
    expect(() => Contract.parse({ discountPercent: 12.345, effectiveFrom: "2026-11-01" })).toThrow();
    expect(() => Contract.parse({ discountPercent: 101, effectiveFrom: "2026-11-01" })).toThrow();
    expect(Contract.parse({ discountPercent: 0.07, effectiveFrom: "2026-11-01" }).discountPercent).toBe(0.07);
  });
});
