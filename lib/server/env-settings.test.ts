import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { emailSetting, intervalSetting, positiveSetting } from "./env-settings";

describe("interval settings from the environment", () => {
  it("takes a positive whole number of milliseconds, and the default when unset", () => {
    expect(intervalSetting("X_MS", 1000, { X_MS: "250" })).toBe(250);
    expect(intervalSetting("X_MS", 1000, {})).toBe(1000);
  });

  it("refuses an empty value or a typo instead of starting a 0 ms timer", () => {
    for (const bad of ["", " ", "0", "1s", "1e3", "-5", "abc"]) expect(() => intervalSetting("X_MS", 1000, { X_MS: bad })).toThrow(/X_MS/);
  });
});

describe("other numeric settings from the environment", () => {
  it("take a positive whole number (a count, a size, a rate) and refuse an empty value or a typo", () => {
    expect(positiveSetting("X_COUNT", 4, { X_COUNT: "16" })).toBe(16);
    expect(positiveSetting("X_COUNT", 4, {})).toBe(4);
    for (const bad of ["", " ", "0", "4k", "1e3", "-1", "abc"]) expect(() => positiveSetting("X_COUNT", 4, { X_COUNT: bad })).toThrow(/X_COUNT/);
  });

  it("are read only through this module: no other server code turns process.env into a number itself", () => {
    const root = path.resolve(__dirname, "..");
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".test.ts") ? [path.join(dir, e.name)] : []));
    // A listening port may be 0 (any free port), so PORT and CONTROL_PLANE_PORT are not "positive".
    const offenders = files(root)
      .filter((f) => !f.endsWith("env-settings.ts"))
      .flatMap((f) => readFileSync(f, "utf8").split("\n").map((line, i) => ({ where: `${path.relative(root, f)}:${i + 1}`, line })))
      .filter(({ line }) => /Number\(process\.env|parseInt\(process\.env|Number\(env\[/.test(line) && !/process\.env\.(PORT|CONTROL_PLANE_PORT)\b/.test(line))
      .map(({ where }) => where);
    expect(offenders).toEqual([]);
  });
});

describe("an e-mail address from the environment", () => {
  it("takes one address (trimmed), the default when unset, and refuses an empty value, a list or a typo", () => {
    expect(emailSetting("X_EMAIL", "help@example.jp", { X_EMAIL: " support@cloud.example.co.jp " })).toBe("support@cloud.example.co.jp");
    expect(emailSetting("X_EMAIL", "help@example.jp", {})).toBe("help@example.jp");
    for (const bad of ["", "support", "support@", "@example.jp", "a@b", "a@example.jp, b@example.jp", "Support <a@example.jp>", "a@exa mple.jp"]) {
      expect(() => emailSetting("X_EMAIL", "help@example.jp", { X_EMAIL: bad }), bad).toThrow(/X_EMAIL/);
    }
  });
});
