import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { appSettings } from "@/lib/db/schema";
import { packed } from "@/lib/billing/packed-columns";
import { rowsOf } from "@/lib/billing/sql-rows";
import type { ControlPlane } from "@/lib/control-plane";
import { AppError } from "@/lib/domain/errors";
import { GpuSample } from "@/lib/domain/telemetry";

// Telemetry ingestion: read the control plane's closed sample windows after our cursor and store
// them with their roll-ups, idempotently per GPU and window. Each page is one transaction: one
// statement inserts the samples (ON CONFLICT DO NOTHING) and adds to the 1-minute and 1-hour
// roll-ups (per node and per resource) only the samples it actually inserted; the cursor moves in
// the same transaction. A crash re-reads from the last committed cursor, a second instance
// reading the same window counts nothing twice (the background task also holds a fleet lease).

export const TELEMETRY_CURSOR_KEY = "telemetry.cursor";

export interface TelemetryIngestRound {
  pages: number;
  received: number;
  inserted: number;
  cursor: string | null;
}

export async function readTelemetryCursor(db: DbOrTx): Promise<string | null> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, TELEMETRY_CURSOR_KEY));
  return (row?.value as { windowStart?: string } | undefined)?.windowStart ?? null;
}

function validate(raw: readonly unknown[]): GpuSample[] {
  return raw.map((s) => {
    const parsed = GpuSample.safeParse(s);
    if (!parsed.success) throw new AppError("validation_failed", "invalid GPU sample from the control plane", { issues: parsed.error.issues });
    return parsed.data;
  });
}

/** Stores samples and their roll-ups; returns how many samples were new. */
export async function storeSamples(tx: DbOrTx, batch: readonly GpuSample[]): Promise<number> {
  if (batch.length === 0) return 0;
  // Key order, so concurrent writers lock rows in the same order.
  const samples = [...batch].sort((a, b) => (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : a.windowStart < b.windowStart ? -1 : a.windowStart > b.windowStart ? 1 : 0));
  const col = <T extends string | number | null>(f: (s: GpuSample) => T) => samples.map(f);
  const v = (field: keyof GpuSample["values"]) => packed(col((s) => s.values[field]), "numeric");
  const result = await tx.execute(sql`
    WITH s AS (
      SELECT * FROM unnest(
        ${packed(col((s) => s.uuid), "text")}, ${packed(col((s) => s.windowStart), "timestamptz")},
        ${packed(col((s) => s.tenantId), "text")}, ${packed(col((s) => s.resourceId), "text")},
        ${packed(col((s) => s.resourceKind), "text")}, ${packed(col((s) => s.nodeId), "text")},
        ${packed(col((s) => s.poolId), "text")}, ${packed(col((s) => s.shapeId), "text")},
        ${packed(col((s) => s.nodeGpuCount), "bigint")}, ${packed(col((s) => s.hostname), "text")},
        ${packed(col((s) => s.gpuIndex), "bigint")}, ${packed(col((s) => s.modelName), "text")},
        ${v("DCGM_FI_DEV_GPU_UTIL")}, ${v("DCGM_FI_PROF_GR_ENGINE_ACTIVE")}, ${v("DCGM_FI_DEV_FB_USED")},
        ${v("DCGM_FI_DEV_FB_FREE")}, ${v("DCGM_FI_DEV_POWER_USAGE")}, ${v("DCGM_FI_DEV_GPU_TEMP")},
        ${v("DCGM_FI_DEV_XID_ERRORS")}, ${v("DCGM_FI_DEV_ECC_SBE_VOL_TOTAL")}, ${v("DCGM_FI_DEV_ECC_DBE_VOL_TOTAL")}
      ) AS s(uuid, window_start, org_id, resource_id, resource_kind, node_id, pool_id, shape_id, node_gpu_count,
             hostname, gpu_index, model_name, util, gr_active, fb_used, fb_free, power, temp, xid, ecc_sbe, ecc_dbe)
    ),
    inserted AS (
      INSERT INTO gpu_samples (uuid, window_start, org_id, resource_id, resource_kind, node_id, pool_id, shape_id,
        node_gpu_count, hostname, gpu_index, model_name, util, gr_active, fb_used, fb_free, power, temp, xid, ecc_sbe, ecc_dbe)
      SELECT * FROM s
      ON CONFLICT (uuid, window_start) DO NOTHING
      RETURNING *
    ),
    levels AS (
      SELECT i.*, n.node_key, r.resolution, date_trunc(r.unit, i.window_start) AS bucket
      FROM inserted i
      CROSS JOIN (VALUES ('1m', 'minute'), ('1h', 'hour')) AS r(resolution, unit)
      CROSS JOIN LATERAL (VALUES (i.node_id), ('')) AS n(node_key)
    ),
    rolled AS (
      INSERT INTO gpu_rollups AS g (resource_id, node_id, resolution, bucket, org_id, resource_kind, pool_id, shape_id,
        node_gpu_count, samples, util_sum, util_max, fb_used_sum, fb_total_sum, power_sum, temp_sum, temp_max)
      SELECT resource_id, node_key, resolution, bucket, min(org_id), min(resource_kind),
        CASE WHEN node_key = '' THEN NULL ELSE min(pool_id) END, min(shape_id), max(node_gpu_count), count(*),
        sum(util), max(util), sum(fb_used), sum(fb_used + fb_free), sum(power), sum(temp), max(temp)
      FROM levels
      GROUP BY resource_id, node_key, resolution, bucket
      ORDER BY resource_id, node_key, resolution, bucket
      ON CONFLICT (resource_id, node_id, resolution, bucket) DO UPDATE SET
        samples = g.samples + excluded.samples,
        util_sum = g.util_sum + excluded.util_sum,
        util_max = greatest(g.util_max, excluded.util_max),
        fb_used_sum = g.fb_used_sum + excluded.fb_used_sum,
        fb_total_sum = g.fb_total_sum + excluded.fb_total_sum,
        power_sum = g.power_sum + excluded.power_sum,
        temp_sum = g.temp_sum + excluded.temp_sum,
        temp_max = greatest(g.temp_max, excluded.temp_max),
        node_gpu_count = greatest(g.node_gpu_count, excluded.node_gpu_count)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS inserted, (SELECT count(*) FROM rolled)::int AS rolled
  `);
  return rowsOf<{ inserted: number }>(result)[0]?.inserted ?? 0;
}

async function advanceCursor(tx: DbOrTx, windowStart: string): Promise<void> {
  await tx
    .insert(appSettings)
    .values({ key: TELEMETRY_CURSOR_KEY, value: { windowStart } })
    .onConflictDoUpdate({
      target: appSettings.key,
      // Only ever forward.
      set: { value: sql`CASE WHEN ${appSettings.value}->>'windowStart' < ${windowStart} THEN excluded.value ELSE ${appSettings.value} END`, updatedAt: sql`now()` },
    });
}

export async function ingestTelemetryFromControlPlane(db: Db, controlPlane: ControlPlane, options: { pageSize?: number; maxPages?: number } = {}): Promise<TelemetryIngestRound> {
  const pageSize = options.pageSize ?? 5000;
  const maxPages = options.maxPages ?? 20;
  const round: TelemetryIngestRound = { pages: 0, received: 0, inserted: 0, cursor: await readTelemetryCursor(db) };
  while (round.pages < maxPages) {
    const page = await controlPlane.telemetrySince(round.cursor, pageSize);
    if (page.nextCursor === round.cursor) break;
    const samples = validate(page.samples);
    const inserted = await db.transaction(async (tx) => {
      const n = await storeSamples(tx, samples);
      await advanceCursor(tx, page.nextCursor);
      return n;
    });
    round.pages++;
    round.received += samples.length;
    round.inserted += inserted;
    round.cursor = page.nextCursor;
  }
  return round;
}
