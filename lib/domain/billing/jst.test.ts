import { describe, expect, it } from "vitest";
import { daysOfMonth, jstDateOf, jstDayStart, jstMonthOf, jstMonthRange, lastDayOfMonth, nextMonth, previousMonth } from "./jst";

describe("JST billing months", () => {
  it("bounds a month exactly in UTC", () => {
    const { start, end } = jstMonthRange("2026-11");
    expect(start.toISOString()).toBe("2026-10-31T15:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-30T15:00:00.000Z");
  });

  it("puts 2026-11-30T15:00Z in December (JST midnight)", () => {
    expect(jstMonthOf(new Date("2026-11-30T15:00:00Z"))).toBe("2026-12");
    expect(jstMonthOf(new Date("2026-11-30T14:59:59.999Z"))).toBe("2026-11");
    expect(jstDateOf(new Date("2026-11-30T15:00:00Z"))).toBe("2026-12-01");
  });

  it("puts 2026-10-31T15:00Z at the start of November", () => {
    expect(jstMonthOf(new Date("2026-10-31T15:00:00Z"))).toBe("2026-11");
    expect(jstMonthOf(new Date("2026-10-31T14:59:59Z"))).toBe("2026-10");
  });

  it("rolls years and leap months", () => {
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(previousMonth("2027-01")).toBe("2026-12");
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
    expect(lastDayOfMonth("2027-02")).toBe("2027-02-28");
    expect(daysOfMonth("2026-11")).toHaveLength(30);
    expect(jstMonthRange("2026-12").end.toISOString()).toBe("2026-12-31T15:00:00.000Z");
  });

  it("starts a JST day at 15:00Z the day before", () => {
    expect(jstDayStart("2026-12-01").toISOString()).toBe("2026-11-30T15:00:00.000Z");
  });

  it("rejects malformed months", () => {
    expect(() => jstMonthRange("2026-13")).toThrow();
    expect(() => jstMonthRange("2026-1")).toThrow();
  });
});
