import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { createEmptyPostgresDatabase, createTestDatabase } from "@/lib/db/testing";
import { memberships, orgs, users } from "@/lib/db/schema";
import { DEMO_ORGS, DEMO_USERS } from "./demo-accounts";
import { seedDemoData } from "./seed-demo-data";

// The demo seed runs at every start. Run again it adds nothing; run by three instances started
// at the same moment on one PostgreSQL it still adds each organization and person once, and no
// instance fails its start over it.

async function counts(handle: DbHandle) {
  const [o] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orgs);
  const [u] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(users);
  const [m] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(memberships);
  return { orgs: o.n, users: u.n, memberships: m.n };
}

const expected = { orgs: DEMO_ORGS.length, users: DEMO_USERS.length, memberships: DEMO_USERS.filter((u) => u.org && u.role).length };

describe("demo seed", () => {
  it("seeds once, and a second start adds nothing", async () => {
    const handle = await createTestDatabase();
    try {
      expect(await seedDemoData(handle)).toEqual({ seededNow: true });
      expect(await seedDemoData(handle)).toEqual({ seededNow: false });
      expect(await counts(handle)).toEqual(expected);
    } finally {
      await handle.close();
    }
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.runIf(serverUrl)("demo seed by three instances started at once on one PostgreSQL", () => {
  let empty: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  const handles: DbHandle[] = [];
  beforeAll(async () => {
    empty = await createEmptyPostgresDatabase(serverUrl!, "hinoki_seed");
    for (let i = 0; i < 3; i++) handles.push(await openDatabase({ databaseUrl: empty.url }));
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await empty?.drop();
  });

  it("seeds each organization and person once, and every instance starts", async () => {
    const results = await Promise.allSettled(handles.map((h) => seedDemoData(h)));
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : "ok"))).toEqual(["ok", "ok", "ok"]);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.seededNow)).toHaveLength(1);
    expect(await counts(handles[0])).toEqual(expected);
  }, 60_000);
});
