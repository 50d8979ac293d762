import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, toPage } from "./pagination";

describe("keyset pagination", () => {
  it("round-trips a position through an opaque cursor", () => {
    const cursor = encodeCursor({ id: "cl_01", createdAt: 5 });
    expect(cursor).not.toContain("cl_01");
    expect(decodeCursor(cursor, ["id", "createdAt"])).toEqual({ id: "cl_01", createdAt: 5 });
  });

  it("rejects a tampered or foreign cursor with a 400, not a 500", () => {
    expect(() => decodeCursor("not-a-cursor", ["id"])).toThrowError(expect.objectContaining({ code: "bad_request" }));
    expect(() => decodeCursor(encodeCursor({ other: 1 }), ["id"])).toThrowError(expect.objectContaining({ code: "bad_request" }));
  });

  it("turns the extra row into a cursor and drops it", () => {
    const rows = [{ id: "a" }, { id: "b" }, { id: "c" }];
    const page = toPage(rows, 2, (r) => ({ id: r.id }));
    expect(page.items.map((r) => r.id)).toEqual(["a", "b"]);
    expect(decodeCursor(page.nextCursor!, ["id"])).toEqual({ id: "b" });
    expect(toPage(rows, 3, (r) => ({ id: r.id })).nextCursor).toBeNull();
  });
});
