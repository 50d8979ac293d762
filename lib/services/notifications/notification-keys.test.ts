import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MESSAGES } from "@/lib/i18n/messages";

// A notification names its title and body by catalog key (notifications.messages.<key>); a key
// that names the message's group instead of its text shows the raw key in the bell and sends an
// e-mail with an empty body. Every literal key the services use must name a text in both catalogs.

const SERVICES = path.resolve(__dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [full] : [];
  });
}

function textAt(catalog: unknown, key: string): unknown {
  return key.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), catalog);
}

describe("notification keys", () => {
  it("name a text (not a group) in both catalogs, for every literal title and body key", () => {
    const used = sourceFiles(SERVICES).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/\b(titleKey|bodyKey):\s*"([\w.]+)"/g)].map((m) => ({ file: path.relative(SERVICES, file), key: m[2] })),
    );
    expect(used.length).toBeGreaterThan(10);
    const missing = used.flatMap(({ file, key }) =>
      (["ja", "en"] as const).filter((locale) => typeof textAt(MESSAGES[locale].notifications.messages, key) !== "string").map((locale) => `${file}: ${key} (${locale})`),
    );
    expect(missing).toEqual([]);
  });
});
