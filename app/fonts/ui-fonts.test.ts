import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error -- a plain ES module script without types
import { uiCharacters } from "@/scripts/build-fonts.mjs";

// The console's own font file holds exactly the UI's characters: a string added to a catalog with
// a character the file lacks would render that character in another font. Regenerate with
// `node scripts/build-fonts.mjs`.

function covered(css: string): Set<number> {
  const range = /font-weight: 400;[\s\S]*?unicode-range: ([^;]+);/.exec(css)?.[1] ?? "";
  const points = new Set<number>();
  for (const part of range.split(",")) {
    const [from, to] = part.replace("U+", "").split("-").map((h) => parseInt(h, 16));
    for (let p = from; p <= (to ?? from); p++) points.add(p);
  }
  return points;
}

describe("the UI font", () => {
  it("covers every character of both catalogs", () => {
    const css = readFileSync(path.join(__dirname, "ui-fonts.css"), "utf8");
    const points = covered(css);
    const missing = (uiCharacters() as string[]).filter((c) => !points.has(c.codePointAt(0)!));
    expect(missing, "run node scripts/build-fonts.mjs").toEqual([]);
  });

  it("loads nothing from another host", () => {
    for (const file of ["ui-fonts.css", "fallback-fonts.css"]) {
      const urls = [...readFileSync(path.join(__dirname, file), "utf8").matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]);
      expect(urls.length).toBeGreaterThan(0);
      for (const url of urls) expect(url).not.toMatch(/^["']?(https?:)?\/\//);
    }
  });

  it("comes after the machine's own Japanese fonts, and no web font takes the name of an installed one", () => {
    // A browser downloads an @font-face only for a character no earlier family has; an @font-face
    // named like an installed font hides that font. The journey e2e/ux/local-japanese-font.spec.ts
    // shows both in Chromium.
    const globals = readFileSync(path.join(__dirname, "..", "globals.css"), "utf8");
    const stack = (/--font-sans: ([^;]+);/.exec(globals)?.[1] ?? "").split(",").map((f) => f.trim().replace(/^"|"$/g, ""));
    const webFamilies = new Set(
      ["ui-fonts.css", "fallback-fonts.css"].flatMap((file) => [...readFileSync(path.join(__dirname, file), "utf8").matchAll(/font-family: ["']([^"']+)["']/g)].map((m) => m[1])),
    );
    expect([...webFamilies].sort()).toEqual(["Noto Sans JP UI", "Noto Sans JP Web"]);
    const firstWeb = stack.findIndex((f) => webFamilies.has(f));
    expect(stack.slice(0, firstWeb)).toEqual(["Hiragino Sans", "Hiragino Kaku Gothic ProN", "Yu Gothic UI", "Meiryo", "Noto Sans CJK JP", "Noto Sans JP"]);
    expect(stack.slice(firstWeb)).toEqual(["Noto Sans JP UI", "Noto Sans JP Web", "sans-serif"]);
  });
});
