import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { rowsOf } from "@/lib/billing/sql-rows";
import { TELEMETRY_RANGES, type TelemetryRange, type TelemetrySeries } from "@/lib/domain/telemetry";

// A chart's series from the roll-ups: the range picks the resolution (1 h and 24 h from 1-minute
// rows, 7 d from 1-hour rows) and the rows merge into the range's buckets in SQL. A series reads
// at most one row per resolution bucket — 1,440 for a 24 h chart — whatever the GPU count.

const round1 = (n: number) => Math.round(n * 10) / 10;

export async function telemetrySeries(db: DbOrTx, orgId: string, resourceId: string, range: TelemetryRange, nodeId: string | null, now: number): Promise<TelemetrySeries> {
  const { seconds, bucketSeconds, resolution } = TELEMETRY_RANGES[range];
  const bucketMs = bucketSeconds * 1000;
  const toMs = Math.floor(now / bucketMs) * bucketMs + bucketMs;
  const fromMs = toMs - seconds * 1000;
  const rows = rowsOf<{ t: number; n: number; u: number; umax: number; fu: number; ft: number; p: number; ts: number; tm: number }>(
    await db.execute(sql`
      SELECT (floor(extract(epoch from bucket) / ${bucketSeconds}) * ${bucketSeconds})::float8 AS t,
        sum(samples)::float8 AS n, sum(util_sum)::float8 AS u, max(util_max)::float8 AS umax,
        sum(fb_used_sum)::float8 AS fu, sum(fb_total_sum)::float8 AS ft, sum(power_sum)::float8 AS p,
        sum(temp_sum)::float8 AS ts, max(temp_max)::float8 AS tm
      FROM gpu_rollups
      WHERE resource_id = ${resourceId} AND node_id = ${nodeId ?? ""} AND resolution = ${resolution}
        AND org_id = ${orgId} AND bucket >= ${new Date(fromMs).toISOString()}::timestamptz AND bucket < ${new Date(toMs).toISOString()}::timestamptz
      GROUP BY 1 ORDER BY 1`),
  );
  const latest = rowsOf<{ at: string | null }>(
    await db.execute(sql`SELECT max(window_start)::text AS at FROM gpu_samples WHERE org_id = ${orgId} AND resource_id = ${resourceId}`),
  )[0]?.at;
  return {
    resourceId,
    nodeId,
    range,
    bucketSeconds,
    points: rows.map((r) => ({
      at: new Date(Number(r.t) * 1000).toISOString(),
      utilization: round1(r.u / r.n),
      utilizationMax: round1(r.umax),
      memoryUsed: r.ft > 0 ? round1((100 * r.fu) / r.ft) : 0,
      power: round1(r.p / r.n),
      temperature: round1(r.ts / r.n),
      temperatureMax: round1(r.tm),
    })),
    latestSampleAt: latest ? new Date(latest).toISOString() : null,
  };
}
