import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase } from "./client";
import { orgs } from "./schema";

// The embedded database as `npm start` uses it: a PGlite data directory on disk, created on the
// first start (in a child process) and reopened on every later one, with drizzle's type parsing.

describe("embedded PGlite data directory", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hinoki-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is created on first open, keeps what was written, and reads types back as drizzle maps them", async () => {
    const first = await openDatabase({ dataDir: path.join(dir, "pglite") });
    const createdAt = new Date("2026-11-22T09:30:00.123Z");
    await first.db.insert(orgs).values({ id: "org_first_start", slug: "first-start", legalNameJa: "初回起動株式会社", legalNameEn: "First Start K.K.", createdAt });
    await first.close();

    const again = await openDatabase({ dataDir: path.join(dir, "pglite") });
    try {
      const [row] = await again.db.select().from(orgs).where(eq(orgs.slug, "first-start"));
      expect(row.legalNameJa).toBe("初回起動株式会社");
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(row.createdAt.toISOString()).toBe(createdAt.toISOString());
      // Inside a transaction too (drizzle queries through PGlite's transaction object there).
      const inTx = await again.db.transaction(async (tx) => tx.execute(sql`select ${createdAt}::timestamptz as at, '2026-11-22'::date as day`));
      const r = (inTx as unknown as { rows: { at: unknown; day: unknown }[] }).rows[0];
      expect(typeof r.day).toBe("string");
      expect(r.day).toBe("2026-11-22");
    } finally {
      await again.close();
    }
  }, 60_000);
});
