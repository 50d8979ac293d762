import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { createEmptyPostgresDatabase } from "@/lib/db/testing";
import { counts, expected } from "./testing";
import { seedDemoData } from "./seed-demo-data";

// Run by three instances started at the same moment on one PostgreSQL, the demo seed still adds
// each organization and person once, and no instance fails its start over it. PostgreSQL only
// (*.postgres.test.ts run in the PostgreSQL pass): an embedded PGlite has no second instance.

const serverUrl = process.env.TEST_DATABASE_URL;

describe("demo seed by three instances started at once on one PostgreSQL", () => {
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
