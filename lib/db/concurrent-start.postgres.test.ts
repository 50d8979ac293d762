import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "./client";
import { createEmptyPostgresDatabase } from "./testing";

// Issue 15.2: N console instances share one PostgreSQL. Started at the same moment on an empty
// database (a Deployment with replicas: 3, a rolling upgrade that adds a migration), each one
// opens the database and applies the migrations — and they must all come up, with every
// migration applied once. Before the advisory lock, the second instance died on
// `duplicate key value violates unique constraint "pg_type_typname_nsp_index"`.
// PostgreSQL only (*.postgres.test.ts run in the PostgreSQL pass): an embedded PGlite belongs to
// one process, so it has no second instance.

const serverUrl = process.env.TEST_DATABASE_URL;

describe("three instances opening one empty PostgreSQL at once", () => {
  let empty: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  const handles: DbHandle[] = [];

  beforeAll(async () => {
    empty = await createEmptyPostgresDatabase(serverUrl!, "hinoki_start");
  });
  afterAll(async () => {
    await Promise.all(handles.map((h) => h.close()));
    await empty?.drop();
  });

  it("all open, and each migration is applied exactly once", async () => {
    const results = await Promise.allSettled([1, 2, 3].map(() => openDatabase({ databaseUrl: empty.url })));
    for (const r of results) if (r.status === "fulfilled") handles.push(r.value);
    const failures = results.flatMap((r) => (r.status === "rejected" ? [String((r.reason as Error).cause ?? r.reason)] : []));
    expect(failures).toEqual([]);

    const applied = await handles[0].db.execute(sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`);
    const rows = (applied as unknown as { rows: Array<{ hash: string; n: number }> }).rows;
    const journal = (await import("./migrations/meta/_journal.json")).default as { entries: unknown[] };
    expect(rows).toHaveLength(journal.entries.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    // Every instance sees the same, complete schema.
    for (const h of handles) await expect(h.db.execute(sql`select count(*) from api_tokens`)).resolves.toBeTruthy();
  }, 60_000);
});
