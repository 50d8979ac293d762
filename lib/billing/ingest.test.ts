import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { DEFAULT_PRICE_BOOK, rateRecord } from "@/lib/domain/billing";
import { prng } from "@/lib/domain/billing/testing/prng";
import { randomRecords } from "@/lib/domain/billing/testing/random-records";
import type { MeteringRecord } from "@/lib/domain/metering";
import { getIngestionCursor, ingestMeteringRecords } from "./ingest";
import { rowsOf } from "./sql-rows";
import { crashingDb } from "./testing";

// Exactly-once ingestion: the rollups must always equal the rating of the distinct records
// stored, and the stored records must be exactly the distinct records sent — whatever the
// repetition, overlap, concurrency or crash.

type Totals = Map<string, { seconds: number; gpuSeconds: number; tokens: number; listRu: bigint }>;

function expectedRollups(records: readonly MeteringRecord[]): Totals {
  const out: Totals = new Map();
  const seen = new Set<string>();
  for (const r of records) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    for (const p of rateRecord(r, DEFAULT_PRICE_BOOK)) {
      const key = [p.orgId, p.day, p.service, p.sku, p.regionId, p.zoneId, p.resourceId].join("|");
      const t = out.get(key) ?? { seconds: 0, gpuSeconds: 0, tokens: 0, listRu: 0n };
      t.seconds += p.seconds;
      t.gpuSeconds += p.gpuSeconds;
      t.tokens += p.tokens;
      t.listRu += p.listRu;
      out.set(key, t);
    }
  }
  return out;
}

async function actualRollups(handle: DbHandle, orgPrefix: string): Promise<Totals> {
  const rows = rowsOf<Record<string, string>>(
    await handle.db.execute(sql`
      SELECT org_id, day::text AS day, service, sku, region_id, zone_id, resource_id,
        seconds::text AS seconds, gpu_seconds::text AS gpu_seconds, tokens::text AS tokens, list_amount_ru::text AS list_ru
      FROM usage_daily_rollups WHERE org_id LIKE ${`${orgPrefix}%`}`),
  );
  return new Map(
    rows.map((r) => [
      [r.org_id, r.day, r.service, r.sku, r.region_id, r.zone_id, r.resource_id].join("|"),
      { seconds: Number(r.seconds), gpuSeconds: Number(r.gpu_seconds), tokens: Number(r.tokens), listRu: BigInt(r.list_ru) },
    ]),
  );
}

async function storedIds(handle: DbHandle, orgPrefix: string): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(await handle.db.execute(sql`SELECT id FROM usage_records WHERE org_id LIKE ${`${orgPrefix}%`} ORDER BY id`));
  return rows.map((r) => r.id);
}

function sortedIds(records: readonly MeteringRecord[]): string[] {
  return [...new Set(records.map((r) => r.id))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function scenario(seed: number, prefix: string, count: number): MeteringRecord[] {
  return randomRecords(prng(seed), {
    count,
    orgIds: [`${prefix}a`, `${prefix}b`],
    from: new Date("2026-10-29T00:00:00Z"),
    to: new Date("2026-12-03T00:00:00Z"),
    idPrefix: prefix,
  });
}

describe("ingestMeteringRecords", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("counts a batch ingested twice once", async () => {
    const records = scenario(11, "twice_", 1500);
    const first = await ingestMeteringRecords(handle.db, records, { source: "twice", chunkSize: 400 });
    const second = await ingestMeteringRecords(handle.db, records, { source: "twice", chunkSize: 400 });
    expect(first.inserted).toBe(1500);
    expect(second.inserted).toBe(0);
    expect(second.duplicates).toBe(1500);
    expect(await storedIds(handle, "twice_")).toEqual(sortedIds(records));
    expect(await actualRollups(handle, "twice_")).toEqual(expectedRollups(records));
    expect(await getIngestionCursor(handle.db, "twice")).toBe(1499);
  });

  it("counts overlapping batches, repeats within a batch and random splits exactly once (property)", async () => {
    const records = scenario(12, "overlap_", 3000);
    const rng = prng(99);
    // Thirty random windows with random overlaps, each batch also repeating some of its own records.
    for (let i = 0; i < 30; i++) {
      const start = rng.int(0, records.length - 1);
      const end = Math.min(records.length, start + rng.int(1, 400));
      const batch = records.slice(start, end);
      const repeats = batch.filter(() => rng.chance(0.1));
      await ingestMeteringRecords(handle.db, [...batch, ...repeats], { source: "overlap", chunkSize: rng.int(1, 200) });
    }
    // Then everything once more, so every record has arrived at least once.
    await ingestMeteringRecords(handle.db, records, { source: "overlap", chunkSize: 700 });
    expect(await storedIds(handle, "overlap_")).toEqual(sortedIds(records));
    expect(await actualRollups(handle, "overlap_")).toEqual(expectedRollups(records));
  });

  it("survives a crash mid-batch and completes on resume", async () => {
    const records = scenario(13, "crash_", 2000);
    // Chunks of 300 → 2 statements per chunk; crash after the insert statement of chunk 3.
    await expect(ingestMeteringRecords(crashingDb(handle.db, 5), records, { source: "crash", chunkSize: 300 })).rejects.toThrow("injected crash");
    const sorted = [...records].sort((a, b) => a.sequence - b.sequence);
    const committed = sorted.slice(0, 600);
    expect(await storedIds(handle, "crash_")).toEqual(sortedIds(committed));
    expect(await actualRollups(handle, "crash_")).toEqual(expectedRollups(committed));
    expect(await getIngestionCursor(handle.db, "crash")).toBe(599);

    // Crash right after a cursor update too, then resume from scratch with the whole batch.
    await expect(ingestMeteringRecords(crashingDb(handle.db, 2), records, { source: "crash", chunkSize: 300 })).rejects.toThrow("injected crash");
    const resumed = await ingestMeteringRecords(handle.db, records, { source: "crash", chunkSize: 300 });
    expect(resumed.inserted).toBe(1400);
    expect(await storedIds(handle, "crash_")).toEqual(sortedIds(records));
    expect(await actualRollups(handle, "crash_")).toEqual(expectedRollups(records));
    expect(await getIngestionCursor(handle.db, "crash")).toBe(1999);
  });

  it("counts concurrent overlapping ingestions once", async () => {
    const records = scenario(14, "conc_", 1200);
    const results = await Promise.all([
      ingestMeteringRecords(handle.db, records.slice(0, 800), { source: "conc", chunkSize: 150 }),
      ingestMeteringRecords(handle.db, records.slice(400), { source: "conc", chunkSize: 170 }),
      ingestMeteringRecords(handle.db, records, { source: "conc", chunkSize: 500 }),
    ]);
    expect(results.reduce((n, r) => n + r.inserted, 0)).toBe(1200);
    expect(await actualRollups(handle, "conc_")).toEqual(expectedRollups(records));
  });

  it("rejects a whole batch with an invalid or unpriceable record before writing anything", async () => {
    const records = scenario(15, "bad_", 50);
    const bad = { ...records[25], shapeId: "tpu-v9", meter: "node" as const };
    await expect(ingestMeteringRecords(handle.db, [...records.slice(0, 25), bad, ...records.slice(26)])).rejects.toMatchObject({ code: "validation_failed" });
    await expect(ingestMeteringRecords(handle.db, [{ ...records[0], seconds: -1 }])).rejects.toMatchObject({ code: "validation_failed" });
    expect(await storedIds(handle, "bad_")).toEqual([]);
  });
});
