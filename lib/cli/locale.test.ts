import { describe, expect, it } from "vitest";
import { cliLocale, CLI_CATALOGS, translator } from "./locale";

// The CLI's words: the same keys and placeholders in Japanese and English, and the terminal's
// language chosen the way people expect from other command-line tools.

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the CLI's catalogs", () => {
  it("have the same keys and placeholders in ja and en, and no empty message", () => {
    expect(Object.keys(CLI_CATALOGS.ja).sort()).toEqual(Object.keys(CLI_CATALOGS.en).sort());
    for (const [key, ja] of Object.entries(CLI_CATALOGS.ja)) {
      const en = CLI_CATALOGS.en[key as keyof typeof CLI_CATALOGS.en];
      expect([key, placeholders(ja)]).toEqual([key, placeholders(en)]);
      expect(ja.trim() && en.trim(), key).toBeTruthy();
    }
  });

  it("speaks Japanese for a Japanese locale or none, English for any other", () => {
    expect(cliLocale(undefined, { LANG: "ja_JP.UTF-8" })).toBe("ja");
    expect(cliLocale(undefined, {})).toBe("ja");
    expect(cliLocale(undefined, { LANG: "en_US.UTF-8" })).toBe("en");
    expect(cliLocale(undefined, { LANG: "C.UTF-8" })).toBe("en");
    expect(cliLocale(undefined, { LC_ALL: "ja_JP.UTF-8", LANG: "en_US.UTF-8" })).toBe("ja");
    expect(cliLocale("en", { LANG: "ja_JP.UTF-8" })).toBe("en");
  });

  it("fills placeholders", () => {
    expect(translator("ja")("clusterNotFound", { name: "prod" })).toBe("クラスター「prod」は見つかりません");
  });
});
