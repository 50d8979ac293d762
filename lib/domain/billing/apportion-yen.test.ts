import { describe, expect, it } from "vitest";
import { apportionYen } from "./apportion-yen";
import { RU_PER_YEN } from "./units";

const yen = (amount: number) => BigInt(Math.round(amount * 1_000_000)) * (RU_PER_YEN / 1_000_000n);

describe("apportionYen", () => {
  it("makes the rows add up to the floored total that the month-to-date card shows", () => {
    // Each row rounds up on its own (¥0.6 + ¥0.6 + …): the naive sum of rounded rows says ¥1,539,204.
    const exact = [yen(1_000_000.6), yen(539_201.6), yen(0.6)];
    const naive = exact.reduce((s, ru) => s + Math.round(Number(ru) / Number(RU_PER_YEN)), 0);
    expect(naive).toBe(1_539_204);
    const { rows, total } = apportionYen(exact);
    expect(total).toBe(1_539_202);
    expect(rows.reduce((s, y) => s + y, 0)).toBe(total);
  });

  it("moves no row by a yen or more from its exact amount, and gives the spare yen to the largest remainders", () => {
    const { rows, total } = apportionYen([yen(10.9), yen(20.2), yen(5.5)]);
    expect(total).toBe(36);
    expect(rows).toEqual([11, 20, 5]);
  });

  it("keeps whole amounts as they are", () => {
    expect(apportionYen([yen(7200), yen(3600)])).toEqual({ rows: [7200, 3600], total: 10_800 });
    expect(apportionYen([])).toEqual({ rows: [], total: 0 });
  });
});
