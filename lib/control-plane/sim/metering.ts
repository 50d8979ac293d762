import { and, asc, eq, gt, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { MeteringPage } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import type { MeteringRecord } from "@/lib/domain/metering";
import type { SimContext } from "./context";
import { iso, transaction } from "./db";
import { cpClusters, cpEndpoints, cpMeta, cpMeteringRecords, cpPlacements, cpTokenUsage } from "./schema";

// Metering: when the clock passes the end of an interval, one record per held node, per running
// control plane and per endpoint with inference traffic in that interval is written, once. The
// record id names the interval (`${resource}:${node}:${intervalStart}`), so the console can ingest
// at least once and count exactly once; `sequence` orders the log for cursors.

type Record = Omit<MeteringRecord, "sequence">;

const META_KEY = "metering";

interface Watermark {
  /** Start of the first interval not yet closed. */
  nextIntervalStartMs: number;
}

/** Creates the watermark on first open: metering starts with the interval the clock is in. */
export async function initMetering(db: Db, nowMs: number, intervalMs: number): Promise<number> {
  const value: Watermark = { nextIntervalStartMs: Math.floor(nowMs / intervalMs) * intervalMs };
  await db.insert(cpMeta).values({ key: META_KEY, value }).onConflictDoNothing();
  return readWatermark(db);
}

export async function readWatermark(db: DbOrTx, forUpdate = false): Promise<number> {
  const query = db.select().from(cpMeta).where(eq(cpMeta.key, META_KEY));
  const [row] = forUpdate ? await query.for("update") : await query;
  return (row.value as Watermark).nextIntervalStartMs;
}

const secondsBetween = (fromMs: number, toMs: number) => Math.max(0, Math.round((toMs - fromMs) / 1000));

async function recordsFor(tx: DbOrTx, startMs: number, endMs: number): Promise<Record[]> {
  const start = new Date(startMs);
  const end = new Date(endMs);
  const intervalStart = iso(start);
  const intervalEnd = iso(end);
  const records: Record[] = [];

  const held = await tx
    .select()
    .from(cpPlacements)
    .where(and(isNotNull(cpPlacements.provisionedAt), lt(cpPlacements.provisionedAt, end), or(isNull(cpPlacements.releasedAt), gt(cpPlacements.releasedAt, start))))
    .orderBy(asc(cpPlacements.resourceId), asc(cpPlacements.id));
  for (const p of held) {
    const from = Math.max(startMs, p.provisionedAt!.getTime());
    const to = Math.min(endMs, p.releasedAt?.getTime() ?? endMs);
    const seconds = secondsBetween(from, to);
    if (seconds === 0) continue;
    records.push({
      id: `${p.resourceId}:${p.id}:${intervalStart}`,
      tenantId: p.tenantId,
      resourceId: p.resourceId,
      resourceKind: p.resourceKind as "cluster" | "endpoint",
      meter: "node",
      shapeId: p.shapeId,
      controlPlaneTier: null,
      regionId: p.regionId,
      zoneId: p.zoneId,
      intervalStart,
      intervalEnd,
      seconds,
      gpuSeconds: seconds * p.gpuCount,
      inputTokens: 0,
      outputTokens: 0,
      requests: 0,
      ...(p.reservationId ? { reservationId: p.reservationId } : {}),
    });
  }

  const controlPlanes = await tx
    .select()
    .from(cpClusters)
    .where(
      and(
        isNotNull(cpClusters.controlPlaneStartedAt),
        lt(cpClusters.controlPlaneStartedAt, end),
        or(isNull(cpClusters.controlPlaneStoppedAt), gt(cpClusters.controlPlaneStoppedAt, start)),
      ),
    )
    .orderBy(asc(cpClusters.id));
  for (const c of controlPlanes) {
    const seconds = secondsBetween(Math.max(startMs, c.controlPlaneStartedAt!.getTime()), Math.min(endMs, c.controlPlaneStoppedAt?.getTime() ?? endMs));
    if (seconds === 0) continue;
    records.push({
      id: `${c.id}:control-plane:${intervalStart}`,
      tenantId: c.tenantId,
      resourceId: c.id,
      resourceKind: "cluster",
      meter: "control_plane",
      shapeId: null,
      controlPlaneTier: c.controlPlaneTier as "single" | "ha",
      regionId: c.regionId,
      zoneId: c.zoneId,
      intervalStart,
      intervalEnd,
      seconds,
      gpuSeconds: 0,
      inputTokens: 0,
      outputTokens: 0,
      requests: 0,
    });
  }

  const usage = await tx
    .select({ u: cpTokenUsage, e: cpEndpoints })
    .from(cpTokenUsage)
    .innerJoin(cpEndpoints, eq(cpEndpoints.id, cpTokenUsage.endpointId))
    .where(eq(cpTokenUsage.intervalStart, start))
    .orderBy(asc(cpTokenUsage.endpointId), asc(cpTokenUsage.batch));
  for (const { u, e } of usage) {
    if (u.requests === 0) continue;
    records.push({
      // Batch API work has its own meter (and record id), billed at the batch discount.
      id: u.batch ? `${e.id}:batch-tokens:${intervalStart}` : `${e.id}:tokens:${intervalStart}`,
      tenantId: e.tenantId,
      resourceId: e.id,
      resourceKind: "endpoint",
      meter: u.batch ? "batch_tokens" : "tokens",
      shapeId: null,
      controlPlaneTier: null,
      regionId: e.regionId,
      zoneId: e.zoneId,
      intervalStart,
      intervalEnd,
      seconds: 0,
      gpuSeconds: 0,
      inputTokens: u.inputTokens,
      outputTokens: u.outputTokens,
      requests: u.requests,
    });
  }
  return records;
}

/**
 * Closes every interval that ended by `nowMs` (at most `maxIntervals` per call). The watermark
 * row is locked for the whole close, so two closers never interleave and sequence numbers are
 * committed in order — a cursor can never skip a record that commits late.
 */
export async function closeIntervals(ctx: SimContext, nowMs: number): Promise<number> {
  const intervalMs = ctx.config.meteringIntervalSeconds * 1000;
  let closed = 0;
  while (closed < ctx.config.maxIntervalsPerTick) {
    const done = await transaction(ctx.db, async (tx) => {
      const startMs = await readWatermark(tx, true);
      const endMs = startMs + intervalMs;
      if (endMs > nowMs) return false;
      const records = await recordsFor(tx, startMs, endMs);
      for (let i = 0; i < records.length; i += 500) {
        await tx
          .insert(cpMeteringRecords)
          .values(records.slice(i, i + 500).map((record) => ({ id: record.id, record, resourceId: record.resourceId, intervalStart: new Date(startMs) })))
          .onConflictDoNothing();
      }
      const value: Watermark = { nextIntervalStartMs: endMs };
      await tx.update(cpMeta).set({ value }).where(eq(cpMeta.key, META_KEY));
      return true;
    });
    if (!done) break;
    closed++;
  }
  return closed;
}

/** jsonb keeps keys in its own order: give records back in the schema's order. */
function inSchemaOrder(r: Record, sequence: number): MeteringRecord {
  return {
    id: r.id,
    tenantId: r.tenantId,
    resourceId: r.resourceId,
    resourceKind: r.resourceKind,
    meter: r.meter,
    shapeId: r.shapeId,
    controlPlaneTier: r.controlPlaneTier,
    regionId: r.regionId,
    zoneId: r.zoneId,
    intervalStart: r.intervalStart,
    intervalEnd: r.intervalEnd,
    seconds: r.seconds,
    gpuSeconds: r.gpuSeconds,
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    requests: r.requests,
    ...(r.reservationId ? { reservationId: r.reservationId } : {}),
    sequence,
  };
}

export async function meteringSince(db: Db, cursor: string | null, limit: number): Promise<MeteringPage> {
  if (cursor !== null && cursor !== "" && !/^\d{1,15}$/.test(cursor)) throw new AppError("validation_failed", "cursor must come from a previous nextCursor");
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new AppError("validation_failed", "limit must be 1–5000");
  const after = cursor ? Number(cursor) : 0;
  const rows = await db.select().from(cpMeteringRecords).where(gt(cpMeteringRecords.sequence, after)).orderBy(asc(cpMeteringRecords.sequence)).limit(limit);
  return {
    records: rows.map((r) => inSchemaOrder(r.record, r.sequence)),
    nextCursor: String(rows.length ? rows[rows.length - 1].sequence : after),
  };
}
