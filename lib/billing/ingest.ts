import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { DEFAULT_PRICE_BOOK, RatingError, assertRateable, rateRecord, type PriceBook, type UsagePart } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { MeteringRecord } from "@/lib/domain/metering";
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
  /** Records per statement (bounded by memory, not parameters: rows travel as one JSON value). */
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

function recordRow(r: MeteringRecord, parts: UsagePart[]) {
  return {
    id: r.id,
    org_id: r.tenantId,
    resource_id: r.resourceId,
    resource_kind: r.resourceKind,
    meter: r.meter,
    shape_id: r.shapeId,
    control_plane_tier: r.controlPlaneTier,
    region_id: r.regionId,
    zone_id: r.zoneId,
    interval_start: r.intervalStart,
    interval_end: r.intervalEnd,
    seconds: r.seconds,
    gpu_seconds: r.gpuSeconds,
    input_tokens: r.inputTokens,
    output_tokens: r.outputTokens,
    requests: r.requests,
    sequence: r.sequence,
    // Strings: JSON numbers would lose exactness beyond 2^53.
    list_amount_ru: parts.reduce((sum, p) => sum + p.listRu, 0n).toString(),
  };
}

function partRow(p: UsagePart) {
  return {
    record_id: p.recordId,
    org_id: p.orgId,
    day: p.day,
    service: p.service,
    sku: p.sku,
    region_id: p.regionId,
    zone_id: p.zoneId,
    resource_id: p.resourceId,
    resource_kind: p.resourceKind,
    seconds: p.seconds,
    gpu_seconds: p.gpuSeconds,
    tokens: p.tokens,
    list_amount_ru: p.listRu.toString(),
  };
}

async function insertChunk(tx: DbOrTx, chunk: MeteringRecord[], priceBook: PriceBook): Promise<number> {
  const records: ReturnType<typeof recordRow>[] = [];
  const parts: ReturnType<typeof partRow>[] = [];
  for (const r of chunk) {
    const rated = rateRecord(r, priceBook);
    records.push(recordRow(r, rated));
    for (const p of rated) parts.push(partRow(p));
  }
  // Insert in key order so concurrent ingesters take row locks in the same order (no deadlocks).
  records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const result = await tx.execute(sql`
    WITH input AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(records)}::json) AS x(
        id text, org_id text, resource_id text, resource_kind text, meter text, shape_id text,
        control_plane_tier text, region_id text, zone_id text, interval_start timestamptz,
        interval_end timestamptz, seconds bigint, gpu_seconds bigint, input_tokens bigint,
        output_tokens bigint, requests bigint, sequence bigint, list_amount_ru numeric)
    ),
    inserted AS (
      INSERT INTO usage_records (id, org_id, resource_id, resource_kind, meter, shape_id,
        control_plane_tier, region_id, zone_id, interval_start, interval_end, seconds, gpu_seconds,
        input_tokens, output_tokens, requests, sequence, list_amount_ru)
      SELECT id, org_id, resource_id, resource_kind, meter, shape_id, control_plane_tier, region_id,
        zone_id, interval_start, interval_end, seconds, gpu_seconds, input_tokens, output_tokens,
        requests, sequence, list_amount_ru
      FROM input
      ON CONFLICT (id) DO NOTHING
      RETURNING id
    ),
    parts AS (
      SELECT * FROM json_to_recordset(${JSON.stringify(parts)}::json) AS p(
        record_id text, org_id text, day date, service text, sku text, region_id text, zone_id text,
        resource_id text, resource_kind text, seconds bigint, gpu_seconds bigint, tokens bigint,
        list_amount_ru numeric)
    ),
    rolled AS (
      INSERT INTO usage_daily_rollups AS r (org_id, day, service, sku, region_id, zone_id,
        resource_id, resource_kind, seconds, gpu_seconds, tokens, list_amount_ru)
      SELECT p.org_id, p.day, p.service, p.sku, p.region_id, p.zone_id, p.resource_id,
        min(p.resource_kind), sum(p.seconds), sum(p.gpu_seconds), sum(p.tokens), sum(p.list_amount_ru)
      FROM parts p JOIN inserted i ON i.id = p.record_id
      GROUP BY p.org_id, p.day, p.service, p.sku, p.region_id, p.zone_id, p.resource_id
      ORDER BY p.org_id, p.day, p.service, p.sku, p.region_id, p.zone_id, p.resource_id
      ON CONFLICT (org_id, day, service, sku, region_id, zone_id, resource_id) DO UPDATE SET
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
