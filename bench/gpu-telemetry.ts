// Benchmark (not a test): GPU telemetry storage (issue 19). A 64-GPU cluster (8 × H100 8x) sampled
// every 30 s for 24 hours is ingested through the console's store (samples + 1-minute and 1-hour
// roll-ups per node and per cluster, one statement per page), beside the roll-ups of other
// clusters making a fleet of ~10,000 GPUs. Then the 24 h chart of that cluster is timed from the
// roll-ups, against the same chart computed from the raw samples (the baseline), and the org's
// idle-GPU finding is timed.
//
//   node scripts/run-ts.mjs bench/gpu-telemetry.ts                 # PGlite (file-backed scratch)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5514/postgres \
//     node scripts/run-ts.mjs bench/gpu-telemetry.ts                # PGlite, then PostgreSQL
//
// BENCH_TELEMETRY_OTHER_CLUSTERS (default 156: 156 × 64 + 64 ≈ 10,000 GPUs) sets the fleet around it.

import { sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { scratchPglite } from "./lib/scratch-pglite";
import { gpuUuid, type GpuSample } from "@/lib/domain/telemetry";
import { storeSamples } from "@/lib/services/telemetry/ingest-telemetry";
import { findIdleGpus } from "@/lib/services/telemetry/find-idle-gpus";
import { telemetrySeries } from "@/lib/services/telemetry/telemetry-series";

const OTHER_CLUSTERS = Number(process.env.BENCH_TELEMETRY_OTHER_CLUSTERS ?? 156);
const ORG = "org_bench_telemetry";
const CLUSTER = "cl_bench_64gpu";
const NODES = 8;
const WINDOW_MS = 30_000;
const END = Date.UTC(2026, 10, 20, 0, 0, 0);
const START = END - 24 * 3600_000;

function hourOfSamples(hourStart: number): GpuSample[] {
  const out: GpuSample[] = [];
  for (let w = hourStart; w < hourStart + 3600_000; w += WINDOW_MS) {
    for (let n = 0; n < NODES; n++) {
      for (let g = 0; g < 8; g++) {
        const util = (n * 8 + g + w / WINDOW_MS) % 100;
        out.push({
          windowStart: new Date(w).toISOString(),
          tenantId: ORG,
          resourceId: CLUSTER,
          resourceKind: "cluster",
          nodeId: `nd_bench_${n}`,
          poolId: "np_bench",
          shapeId: "h100-8x",
          nodeGpuCount: 8,
          hostname: `bench-gpu-${n}`,
          gpuIndex: g,
          uuid: gpuUuid(`${n.toString(16).padStart(4, "0")}${g.toString(16).padStart(4, "0")}`.padEnd(40, "a")),
          modelName: "NVIDIA H100 80GB HBM3",
          values: {
            DCGM_FI_DEV_GPU_UTIL: util,
            DCGM_FI_PROF_GR_ENGINE_ACTIVE: util / 110,
            DCGM_FI_DEV_FB_USED: 40_000 + util * 100,
            DCGM_FI_DEV_FB_FREE: 81_559 - 40_000 - util * 100,
            DCGM_FI_DEV_POWER_USAGE: 72 + util * 6,
            DCGM_FI_DEV_GPU_TEMP: 31 + util / 2,
            DCGM_FI_DEV_XID_ERRORS: 0,
            DCGM_FI_DEV_ECC_SBE_VOL_TOTAL: 0,
            DCGM_FI_DEV_ECC_DBE_VOL_TOTAL: 0,
          },
        });
      }
    }
  }
  return out;
}

async function time<T>(runs: number, fn: () => Promise<T>): Promise<{ medianMs: number; result: T }> {
  let result!: T;
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    result = await fn();
    if (i >= 2) samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)], result };
}

async function run(label: string, open: () => Promise<DbHandle>): Promise<void> {
  const handle = await open();
  const db = handle.db;
  try {
    // The rest of the fleet: 1-minute and 1-hour roll-ups (cluster and node rows) of other 64-GPU clusters.
    const fleetStarted = performance.now();
    for (let c = 0; c < OTHER_CLUSTERS; c += 8) {
      await db.execute(sql`
        INSERT INTO gpu_rollups (resource_id, node_id, resolution, bucket, org_id, resource_kind, pool_id, shape_id, node_gpu_count, samples,
          util_sum, util_max, fb_used_sum, fb_total_sum, power_sum, temp_sum, temp_max)
        SELECT 'cl_other_' || c, CASE WHEN n = 0 THEN '' ELSE 'nd_other_' || c || '_' || n END, r.res, b,
          'org_other_' || (c % 50), 'cluster', NULL, 'h100-8x', 8, CASE WHEN n = 0 THEN 128 ELSE 16 END,
          5000, 90, 1e6, 1.3e6, 40000, 5000, 80
        FROM generate_series(${c}::int, ${Math.min(OTHER_CLUSTERS, c + 8) - 1}::int) AS c,
             generate_series(0, ${NODES}::int) AS n,
             (VALUES ('1m', interval '1 minute'), ('1h', interval '1 hour')) AS r(res, step),
             LATERAL generate_series(${new Date(START).toISOString()}::timestamptz, ${new Date(END - 1).toISOString()}::timestamptz, r.step) AS b`);
    }
    const fleetMs = performance.now() - fleetStarted;

    let ingested = 0;
    const ingestStarted = performance.now();
    for (let h = START; h < END; h += 3600_000) {
      const page = hourOfSamples(h);
      ingested += await db.transaction((tx) => storeSamples(tx, page));
    }
    const ingestMs = performance.now() - ingestStarted;
    const rollupRows = Number((await db.execute(sql`SELECT count(*)::text AS n FROM gpu_rollups`) as unknown as { rows: { n: string }[] }).rows[0].n);

    const chart = await time(15, () => telemetrySeries(db, ORG, CLUSTER, "24h", null, END - 1));
    const fromRaw = await time(5, () =>
      db.execute(sql`
        SELECT floor(extract(epoch from window_start) / 300) AS t, avg(util), max(util), avg(power), avg(temp), max(temp), sum(fb_used)::float8 / sum(fb_used + fb_free)
        FROM gpu_samples WHERE org_id = ${ORG} AND resource_id = ${CLUSTER} AND window_start >= ${new Date(START).toISOString()}::timestamptz
        GROUP BY 1 ORDER BY 1`),
    );
    const nodeChart = await time(15, () => telemetrySeries(db, ORG, CLUSTER, "24h", "nd_bench_3", END - 1));
    const week = await time(15, () => telemetrySeries(db, ORG, CLUSTER, "7d", null, END - 1));
    const idle = await time(10, () => findIdleGpus(db, ORG, { thresholdPercent: 5, windowMinutes: 360 }, END));

    const gpus = OTHER_CLUSTERS * 64 + 64;
    console.log(`\n${label}: ${gpus.toLocaleString()} GPUs (${rollupRows.toLocaleString()} roll-up rows; fleet roll-ups written in ${(fleetMs / 1000).toFixed(1)} s)`);
    console.log(`  ingest: ${ingested.toLocaleString()} samples (64 GPUs × 2,880 windows) in ${(ingestMs / 1000).toFixed(1)} s = ${Math.round(ingested / (ingestMs / 1000)).toLocaleString()} samples/s with roll-ups (${((ingestMs / 1000 / 24)).toFixed(2)} s per hour of a 64-GPU cluster)`);
    console.log(`  24 h chart of the 64-GPU cluster (${chart.result.points.length} points): ${chart.medianMs.toFixed(1)} ms from roll-ups vs ${fromRaw.medianMs.toFixed(1)} ms from raw samples (baseline) = ${(chart.medianMs / fromRaw.medianMs).toFixed(3)}×`);
    console.log(`  24 h chart of one node: ${nodeChart.medianMs.toFixed(1)} ms; 7 d chart: ${week.medianMs.toFixed(1)} ms; idle-GPU finding of the org: ${idle.medianMs.toFixed(1)} ms`);
  } finally {
    await handle.close();
  }
}


async function main() {
  console.log("GPU telemetry benchmark (issue 19)");
  await run("PGlite (file-backed, scratch directory)", scratchPglite);
  if (process.env.BENCH_DATABASE_URL) {
    process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
    await run("PostgreSQL", () => createTestDatabase());
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
