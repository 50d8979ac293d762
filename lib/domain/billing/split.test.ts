import { describe, expect, it } from "vitest";
import { allocate, splitByJstDay } from "./split";
import { prng } from "./testing/prng";

describe("splitting intervals by JST day", () => {
  it("splits an interval across the November/December boundary", () => {
    const slices = splitByJstDay(Date.parse("2026-11-30T14:30:00Z"), Date.parse("2026-11-30T15:30:00Z"));
    expect(slices).toEqual([
      { day: "2026-11-30", ms: 30 * 60_000 },
      { day: "2026-12-01", ms: 30 * 60_000 },
    ]);
  });

  it("keeps an interval ending exactly at midnight in one day", () => {
    const slices = splitByJstDay(Date.parse("2026-11-30T14:00:00Z"), Date.parse("2026-11-30T15:00:00Z"));
    expect(slices).toEqual([{ day: "2026-11-30", ms: 3_600_000 }]);
  });

  it("allocates whole units that always add up", () => {
    const rng = prng(7);
    for (let i = 0; i < 5000; i++) {
      const total = rng.int(0, 10_000_000);
      const weights = Array.from({ length: rng.int(1, 5) }, () => rng.int(0, 86_400_000));
      const parts = allocate(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = weights.reduce((a, b) => a + b, 0);
      parts.forEach((p, j) => {
        expect(p).toBeGreaterThanOrEqual(0);
        if (sum > 0) expect(Math.abs(p - (total * weights[j]) / sum)).toBeLessThanOrEqual(1);
      });
    }
  });
});
