import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatRelative, formatYen } from "./format";
import { localeFromAcceptLanguage } from "./locales";

describe("formatters", () => {
  it("writes yen with grouping and no decimals", () => {
    expect(formatYen(1234567, "ja")).toBe("¥1,234,567");
    expect(formatYen(7200, "en")).toBe("¥7,200");
    expect(formatYen(0.6, "ja")).toBe("¥1");
  });

  it("shows times in Tokyo, whatever the server's zone", () => {
    // 15:00 UTC on 30 Nov is already 1 December in Tokyo.
    expect(formatDateTime("2026-11-30T15:00:00Z", "ja")).toBe("2026年12月1日 00:00");
    expect(formatDateTime("2026-11-22T03:00:00Z", "en")).toBe("2026-11-22 12:00 JST");
    expect(formatDate("2026-11-30T14:59:59Z", "ja")).toBe("2026年11月30日");
  });

  it("says how long ago in the reader's language", () => {
    const now = new Date("2026-11-22T03:00:00Z");
    expect(formatRelative("2026-11-22T02:57:00Z", "ja", now)).toBe("3分前");
    expect(formatRelative("2026-11-22T02:57:00Z", "en", now)).toBe("3 minutes ago");
    expect(formatRelative("2026-10-01T00:00:00Z", "ja", now)).toBe("2026年10月1日");
  });

  it("prefers Japanese unless the caller prefers English", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("ja");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,ja;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-FR,ja;q=0.5")).toBe("ja");
  });
});
