import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { DEFAULT_PRICE_BOOK, RatingError, assertRateable, rateRecord, type PriceBook, type UsagePart } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { MeteringRecord } from "@/lib/domain/metering";
import { hasSeparator, packed } from "./packed-columns";
import { rowsOf } from "./sql-rows";

// Ingestion: at least once in, exactly once counted. Each chunk is one statement in one
// transaction: insert the records (ON CONFLICT DO NOTHING) and add to the daily rollups only the
// parts of the records that this statement actually inserted. A record ingested twice — in the
// same batch, an overlapping batch, or a retry after a crash — reaches the rollups once.
// A crash mid-batch leaves whole chunks committed and the rest absent; re-sending the batch
// completes it. Chunks follow the control plane's sequence so the cursor is a true watermark.

export interface IngestOptions {
  /** Cursor name; one per metering source. */
  source?: string;
  /** Records per statement (bounded by memory, not parameters: a column travels as one value). */
  chunkSize?: number;
  priceBook?: PriceBook;
}

export interface IngestResult {
  received: number;
  /** Newly stored records; the rest were already there (or repeated in the batch). */
  inserted: number;
  duplicates: number;
  /** The source's cursor after this call. */
  lastSequence: number | null;
}

export const DEFAULT_SOURCE = "control-plane";

function validate(records: readonly unknown[], priceBook: PriceBook): MeteringRecord[] {
  const byId = new Map<string, MeteringRecord>();
  for (const raw of records) {
    const parsed = MeteringRecord.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown })?.id;
      throw new AppError("validation_failed", `invalid metering record ${typeof id === "string" ? id : ""}`.trim(), { issues: parsed.error.issues });
    }
    const r = parsed.data;
    const texts = [r.id, r.tenantId, r.resourceId, r.regionId, r.zoneId];
    if (texts.some((t) => t.length === 0 || hasSeparator(t)) || (r.reservationId && hasSeparator(r.reservationId))) {
      throw new AppError("validation_failed", `metering record ${r.id}: ids must be non-empty and free of control characters`, { recordId: r.id });
    }
    // A record we cannot price fails the whole batch before any write.
    try {
      assertRateable(r, priceBook);
    } catch (e) {
      if (e instanceof RatingError) throw new AppError("validation_failed", e.message, { recordId: r.id });
      throw e;
    }
    // A repeated id within the batch: the first one wins, as it would across batches.
    if (!byId.has(r.id)) byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

async function insertChunk(tx: DbOrTx, chunk: MeteringRecord[], priceBook: PriceBook): Promise<number> {
  // Insert in key order so concurrent ingesters take row locks in the same order (no deadlocks).
  const records = [...chunk].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const listRu: bigint[] = [];
  const parts: UsagePart[] = [];
  for (const r of records) {
    const rated = rateRecord(r, priceBook);
    let sum = 0n;
    for (const p of rated) {
      sum += p.listRu;
      parts.push(p);
    }
    listRu.push(sum);
  }
  const col = <T extends string | number | bigint | null>(f: (r: MeteringRecord, i: number) => T) => records.map(f);
  const part = <T extends string | number | bigint | null>(f: (p: UsagePart) => T) => parts.map(f);
  // One statement: insert the records, then roll up only the parts of the records it inserted.
  // The rollup's GROUP BY … ORDER BY consumes every inserted row before the first rollup row is
  // written, so a statement takes record locks (in id order) before rollup locks (in key order).
  const result = await tx.execute(sql`
    WITH inserted AS (
      INSERT INTO usage_records (id, org_id, resource_id, resource_kind, meter, shape_id,
        control_plane_tier, region_id, zone_id, interval_start, interval_end, seconds, gpu_seconds,
        input_tokens, output_tokens, requests, sequence, list_amount_ru, reservation_id)
      SELECT * FROM unnest(
        ${packed(col((r) => r.id), "text")}, ${packed(col((r) => r.tenantId), "text")},
        ${packed(col((r) => r.resourceId), "text")}, ${packed(col((r) => r.resourceKind), "text")},
        ${packed(col((r) => r.meter), "text")}, ${packed(col((r) => r.shapeId), "text")},
        ${packed(col((r) => r.controlPlaneTier), "text")}, ${packed(col((r) => r.regionId), "text")},
        ${packed(col((r) => r.zoneId), "text")}, ${packed(col((r) => r.intervalStart), "timestamptz")},
        ${packed(col((r) => r.intervalEnd), "timestamptz")}, ${packed(col((r) => r.seconds), "bigint")},
        ${packed(col((r) => r.gpuSeconds), "bigint")}, ${packed(col((r) => r.inputTokens), "bigint")},
        ${packed(col((r) => r.outputTokens), "bigint")}, ${packed(col((r) => r.requests), "bigint")},
        ${packed(col((r) => r.sequence), "bigint")}, ${packed(col((_, i) => listRu[i]), "numeric")},
        ${packed(col((r) => r.reservationId ?? null), "text")})
      ON CONFLICT (id) DO NOTHING
      RETURNING id, org_id, region_id, zone_id, resource_id, resource_kind
    ),
    parts AS (
      SELECT * FROM unnest(
        ${packed(part((p) => p.recordId), "text")}, ${packed(part((p) => p.day), "date")},
        ${packed(part((p) => p.service), "text")}, ${packed(part((p) => p.sku), "text")},
        ${packed(part((p) => p.seconds), "bigint")}, ${packed(part((p) => p.gpuSeconds), "bigint")},
        ${packed(part((p) => p.tokens), "bigint")}, ${packed(part((p) => p.listRu), "numeric")},
        ${packed(part((p) => p.unitPriceMicro), "bigint")}
      ) AS p(record_id, day, service, sku, seconds, gpu_seconds, tokens, list_amount_ru, unit_price_micro)
    ),
    rolled AS (
      INSERT INTO usage_daily_rollups AS r (org_id, day, service, sku, region_id, zone_id,
        resource_id, unit_price_micro, resource_kind, seconds, gpu_seconds, tokens, list_amount_ru)
      SELECT i.org_id, p.day, p.service, p.sku, i.region_id, i.zone_id, i.resource_id, p.unit_price_micro,
        min(i.resource_kind), sum(p.seconds), sum(p.gpu_seconds), sum(p.tokens), sum(p.list_amount_ru)
      FROM parts p JOIN inserted i ON i.id = p.record_id
      GROUP BY i.org_id, p.day, p.service, p.sku, i.region_id, i.zone_id, i.resource_id, p.unit_price_micro
      ORDER BY i.org_id, p.day, p.service, p.sku, i.region_id, i.zone_id, i.resource_id, p.unit_price_micro
      ON CONFLICT (org_id, day, service, sku, region_id, zone_id, resource_id, unit_price_micro) DO UPDATE SET
        seconds = r.seconds + excluded.seconds,
        gpu_seconds = r.gpu_seconds + excluded.gpu_seconds,
        tokens = r.tokens + excluded.tokens,
        list_amount_ru = r.list_amount_ru + excluded.list_amount_ru
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM rolled)::int AS rolled
  `);
  return rowsOf<{ inserted: number }>(result)[0]?.inserted ?? 0;
}

async function advanceCursor(tx: DbOrTx, source: string, sequence: number, inserted: number): Promise<number> {
  const result = await tx.execute(sql`
    INSERT INTO billing_ingestion_cursors AS c (source, last_sequence, records_ingested, updated_at)
    VALUES (${source}, ${sequence}, ${inserted}, now())
    ON CONFLICT (source) DO UPDATE SET
      last_sequence = greatest(c.last_sequence, excluded.last_sequence),
      records_ingested = c.records_ingested + excluded.records_ingested,
      updated_at = excluded.updated_at
    RETURNING last_sequence::text AS last_sequence
  `);
  return Number(rowsOf<{ last_sequence: string }>(result)[0].last_sequence);
}

/**
 * Stores metering records and maintains the daily rollups, idempotently. Validates the whole
 * batch first (nothing is written if any record is invalid or unpriceable), then commits chunk by
 * chunk. Safe to call again with the same or overlapping records, concurrently or after a crash.
 */
export async function ingestMeteringRecords(db: DbOrTx, records: readonly unknown[], options: IngestOptions = {}): Promise<IngestResult> {
  const priceBook = options.priceBook ?? DEFAULT_PRICE_BOOK;
  const source = options.source ?? DEFAULT_SOURCE;
  const chunkSize = Math.max(1, options.chunkSize ?? 5000);
  const unique = validate(records, priceBook);
  let inserted = 0;
  let lastSequence: number | null = null;
  for (let i = 0; i < unique.length; i += chunkSize) {
    const chunk = unique.slice(i, i + chunkSize);
    const maxSequence = chunk[chunk.length - 1].sequence;
    const result = await db.transaction(async (tx) => {
      const n = await insertChunk(tx, chunk, priceBook);
      const cursor = await advanceCursor(tx, source, maxSequence, n);
      return { n, cursor };
    });
    inserted += result.n;
    lastSequence = result.cursor;
  }
  if (lastSequence === null) lastSequence = await getIngestionCursor(db, source);
  return { received: records.length, inserted, duplicates: records.length - inserted, lastSequence };
}

/** The highest sequence ingested from a source, or null before the first batch. */
export async function getIngestionCursor(db: DbOrTx, source: string = DEFAULT_SOURCE): Promise<number | null> {
  const result = await db.execute(sql`SELECT last_sequence::text AS last_sequence FROM billing_ingestion_cursors WHERE source = ${source}`);
  const row = rowsOf<{ last_sequence: string }>(result)[0];
  return row ? Number(row.last_sequence) : null;
}
