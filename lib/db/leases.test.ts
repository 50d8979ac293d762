import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "./client";
import { acquireLease, releaseLeases } from "./leases";
import { leases } from "./schema";
import { createSharedTestDatabase } from "./testing";

// A lease names the one instance doing a piece of once-per-fleet work. On PostgreSQL the
// contenders are two instances' pools on one database; on PGlite, callers of the one process.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("leases", () => {
  let shared: Awaited<ReturnType<typeof createSharedTestDatabase>>;
  let a: DbHandle;
  let b: DbHandle;
  beforeAll(async () => {
    shared = await createSharedTestDatabase(2);
    [a, b] = shared.handles;
  });
  afterAll(async () => shared?.close());

  const row = async (name: string) => (await a.db.select().from(leases).where(eq(leases.name, name)))[0];

  it("is held by one instance, renewed by it, refused to others while it lives", async () => {
    expect(await acquireLease(a.db, "held", "instance-a", 60_000)).toBe(true);
    const taken = await row("held");
    expect(await acquireLease(b.db, "held", "instance-b", 60_000)).toBe(false);
    await sleep(20);
    expect(await acquireLease(a.db, "held", "instance-a", 60_000)).toBe(true);
    const renewed = await row("held");
    expect(renewed.holder).toBe("instance-a");
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(taken.expiresAt.getTime());
    expect(renewed.acquiredAt.toISOString()).toBe(taken.acquiredAt.toISOString());
  });

  it("passes to another instance once the holder stops renewing, and the old holder cannot take it back", async () => {
    expect(await acquireLease(a.db, "lapses", "instance-a", 300)).toBe(true);
    expect(await acquireLease(b.db, "lapses", "instance-b", 300)).toBe(false);
    await sleep(450);
    expect(await acquireLease(b.db, "lapses", "instance-b", 60_000)).toBe(true);
    expect(await acquireLease(a.db, "lapses", "instance-a", 60_000)).toBe(false);
    expect((await row("lapses")).holder).toBe("instance-b");
  });

  it("is free at once when its holder releases it, and only its holder can", async () => {
    expect(await acquireLease(a.db, "released", "instance-a", 60_000)).toBe(true);
    await releaseLeases(b.db, "instance-b", ["released"]);
    expect(await acquireLease(b.db, "released", "instance-b", 60_000)).toBe(false);
    await releaseLeases(a.db, "instance-a");
    expect(await acquireLease(b.db, "released", "instance-b", 60_000)).toBe(true);
  });

  it("goes to exactly one of many instances asking at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const name = `race-${round}`;
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => acquireLease((i % 2 ? b : a).db, name, `instance-${i}`, 60_000)));
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await row(name)).holder).toBe(`instance-${results.indexOf(true)}`);
    }
  });
});
