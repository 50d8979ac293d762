import { describe, expect, it } from "vitest";
import { intervalSetting } from "./env-settings";

describe("interval settings from the environment", () => {
  it("takes a positive whole number of milliseconds, and the default when unset", () => {
    expect(intervalSetting("X_MS", 1000, { X_MS: "250" })).toBe(250);
    expect(intervalSetting("X_MS", 1000, {})).toBe(1000);
  });

  it("refuses an empty value or a typo instead of starting a 0 ms timer", () => {
    for (const bad of ["", " ", "0", "1s", "1e3", "-5", "abc"]) expect(() => intervalSetting("X_MS", 1000, { X_MS: bad })).toThrow(/X_MS/);
  });
});
