import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "./testing";
import type { DbHandle } from "./client";

describe("test database", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("has the migrated schema on the engine the run asked for", async () => {
    const rows = await handle.db.execute(sql`select count(*)::int as n from users`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
    expect(handle.driver).toBe(process.env.TEST_DATABASE_URL ? "postgres" : "pglite");
  });
});
