import { describe, expect, it } from "vitest";
import { withoutYenAmounts } from "./yen-amounts";

describe("withoutYenAmounts", () => {
  it("takes out every *Jpy key, at any depth, and nothing else", () => {
    expect(withoutYenAmounts({ name: "b", monthlyAmountJpy: 1, before: { monthlyAmountJpy: 2, thresholds: [50] }, lines: [{ totalJpy: 3, model: "H100" }] })).toEqual({
      name: "b",
      before: { thresholds: [50] },
      lines: [{ model: "H100" }],
    });
    expect(withoutYenAmounts(null)).toBeNull();
    expect(withoutYenAmounts("x")).toBe("x");
  });
});
