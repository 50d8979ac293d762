import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "./client";
import { createSharedTestDatabase } from "./testing";

// The fleet-wide lock (DbHandle.exclusively): whoever holds it, nobody else runs under the same
// name until it is done — also when the work fails. On PostgreSQL the two holders are two
// handles (two instances' pools) on one database; on PGlite, two callers in the one process.

describe("the fleet-wide lock", () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let first: DbHandle;
  let second: DbHandle;
  beforeAll(async () => {
    shared = await createSharedTestDatabase(2);
    [first, second] = shared.handles;
  });
  afterAll(async () => shared?.close());

  it("lets one holder in at a time, and frees the lock when the work throws", async () => {
    const timeline: string[] = [];
    let inside = 0;
    let most = 0;
    const work = (who: string, fail = false) => async () => {
      inside++;
      most = Math.max(most, inside);
      timeline.push(`${who} in`);
      await new Promise((r) => setTimeout(r, 150));
      timeline.push(`${who} out`);
      inside--;
      if (fail) throw new Error(`${who} failed`);
      return who;
    };
    const results = await Promise.allSettled([
      first.exclusively("test-lock", work("a", true)),
      second.exclusively("test-lock", work("b")),
      first.exclusively("test-lock", work("c")),
    ]);
    expect(most).toBe(1);
    expect(timeline).toHaveLength(6);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message)).sort()).toEqual(["a failed", "b", "c"]);
    // Another name is another lock: it does not wait.
    await expect(first.exclusively("other-lock", async () => "free")).resolves.toBe("free");
  });
});
