import { describe, expect, it } from "vitest";
import { hasPrefix, newId, ulid } from "./ids";

describe("ids", () => {
  it("are prefixed, 26 characters of Crockford base32 after the prefix", () => {
    const id = newId("cluster");
    expect(id).toMatch(/^cl_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(hasPrefix(id, "cluster")).toBe(true);
    expect(hasPrefix(id, "endpoint")).toBe(false);
  });

  it("sort in creation order, even many within one millisecond", () => {
    const at = Date.UTC(2026, 10, 22, 3, 0, 0);
    const ids = Array.from({ length: 1000 }, () => ulid(at));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(1000);
    expect(ulid(at + 1) > ids[ids.length - 1]).toBe(true);
  });
});
