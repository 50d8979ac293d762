import { describe, expect, it } from "vitest";
import { BudgetInput, newlyCrossedThresholds } from "./budget";
import { linearForecastRu } from "./forecast";
import { RU_PER_YEN } from "./units";

describe("budgets and forecasts", () => {
  it("reports each threshold once, including several crossed at once", () => {
    const t = BudgetInput.parse({ name: "GPU", monthlyAmountJpy: 1000, thresholds: [100, 50, 80, 80] }).thresholds;
    expect(t).toEqual([50, 80, 100]);
    expect(newlyCrossedThresholds(t, 1000, 499n * RU_PER_YEN, null)).toEqual([]);
    expect(newlyCrossedThresholds(t, 1000, 500n * RU_PER_YEN, null)).toEqual([50]);
    expect(newlyCrossedThresholds(t, 1000, 850n * RU_PER_YEN, 50)).toEqual([80]);
    expect(newlyCrossedThresholds(t, 1000, 2000n * RU_PER_YEN, null)).toEqual([50, 80, 100]);
    expect(newlyCrossedThresholds(t, 1000, 2000n * RU_PER_YEN, 100)).toEqual([]);
    // One ru short of 50 % is not 50 %.
    expect(newlyCrossedThresholds(t, 1000, 500n * RU_PER_YEN - 1n, null)).toEqual([]);
  });

  it("extends the run rate linearly to month end", () => {
    expect(linearForecastRu(100n, 10, 30)).toBe(300n);
    expect(linearForecastRu(100n, 0, 30)).toBe(100n);
    expect(linearForecastRu(100n, 30, 30)).toBe(100n);
  });
});
