import { describe, expect, it } from "vitest";
import { formatGpus, formatHours, formatMonth, formatPercent, formatQuantity, formatTokens, formatYenDecimal } from "./format-quantities";

describe("one formatter per kind of number", () => {
  it("groups quantities and drops the trailing zeros of a decimal string", () => {
    expect(formatQuantity("1152.000", "ja")).toBe("1,152");
    expect(formatQuantity("0.5", "en")).toBe("0.5");
  });

  it("caps percentages a reader cannot use", () => {
    expect(formatPercent(153895700, "ja")).toBe("1,000%超");
    expect(formatPercent(153895700, "en")).toBe("over 1,000%");
    expect(formatPercent(82.456, "ja")).toBe("82.5%");
    expect(formatPercent(100, "en")).toBe("100%");
  });

  it("counts GPUs one way, in the reader's grammar", () => {
    expect(formatGpus(16, "ja")).toBe("16 GPU");
    expect(formatGpus(8, "ja", "H100")).toBe("H100 × 8 GPU");
    expect(formatGpus(1, "en")).toBe("1 GPU");
    expect(formatGpus(16, "en")).toBe("16 GPUs");
    expect(formatGpus(8, "en", "H100")).toBe("8 × H100 GPUs");
  });

  it("writes hours with grouping and at most three decimals", () => {
    expect(formatHours("1152.000", "ja")).toBe("1,152 時間");
    expect(formatHours("2.125", "en")).toBe("2.125 hours");
    expect(formatHours(1, "en")).toBe("1 hour");
  });

  it("counts tokens in 万 and 億 in Japanese, in millions in English", () => {
    expect(formatTokens(63_682_335, "ja")).toBe("6,368万トークン");
    expect(formatTokens(120_000_000, "ja")).toBe("1.2億トークン");
    expect(formatTokens(9_999, "ja")).toBe("9,999トークン");
    expect(formatTokens(63_682_335, "en")).toBe("63.7M tokens");
    expect(formatTokens(1, "en")).toBe("1 token");
  });

  it("names months the same way everywhere", () => {
    expect(formatMonth("2026-12", "ja")).toBe("2026年12月");
    expect(formatMonth("2026-12", "en")).toBe("December 2026");
  });

  it("writes exact unit prices as yen with grouping", () => {
    expect(formatYenDecimal("7200", "ja")).toBe("¥7,200");
    expect(formatYenDecimal("275.5", "en")).toBe("¥275.5");
  });
});
