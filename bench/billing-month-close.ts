// Benchmark (not a test): one org with 1,000,000 metering records in a JST month — ingestion,
// the cost explorer's queries over them, FOCUS export, and the month close that issues the
// qualified invoice (rated query + composition + PDF + insert).
//
//   node scripts/run-ts.mjs bench/billing-month-close.ts            # PGlite in memory
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5497/postgres \
//     node scripts/run-ts.mjs bench/billing-month-close.ts          # PGlite, then PostgreSQL
//
// BENCH_RECORDS overrides the record count (default 1,000,000). PGlite runs file-backed in a
// scratch directory (as the embedded console does); on PostgreSQL a scratch database is created
// and dropped. Timings on a shared 2-core machine vary by ±30 % from run to run.

import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { scratchPglite } from "./lib/scratch-pglite";
import { closeMonth } from "@/lib/billing/close-month";
import { costSummary, type CostGroupBy } from "@/lib/billing/cost-summary";
import { focusCsvChunks } from "@/lib/billing/focus-csv";
import { ingestMeteringRecords } from "@/lib/billing/ingest";
import { monthToDateAndForecast } from "@/lib/billing/month-to-date";
import { saveContract } from "@/lib/billing/contracts";
import { createOrg } from "@/lib/billing/testing";
import { SHAPES } from "@/lib/domain/catalog";
import { jstMonthRange } from "@/lib/domain/billing";
import type { MeteringRecord } from "@/lib/domain/metering";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 1_000_000);
const MONTH = "2026-11";
const ORG = "org_bench";
const STEP_SECONDS = 300; // the control plane meters every node in 5-minute intervals
const BATCH = 50_000; // records per ingestMeteringRecords call (chunked further inside)

interface Resource {
  id: string;
  kind: MeteringRecord["resourceKind"];
  meter: MeteringRecord["meter"];
  shapeId: string | null;
  tier: "single" | "ha" | null;
  regionId: string;
  zoneId: string;
  gpuCount: number;
}

/** ~116 metered things: cluster nodes of every shape, endpoint replicas, control planes, token meters. */
function fleet(): Resource[] {
  const zones = [
    ["jp-tokyo-1", "jp-tokyo-1a"],
    ["jp-tokyo-1", "jp-tokyo-1b"],
    ["jp-osaka-1", "jp-osaka-1a"],
    ["jp-hokkaido-1", "jp-hokkaido-1a"],
  ] as const;
  const out: Resource[] = [];
  for (let i = 0; i < 96; i++) {
    const shape = SHAPES[i % SHAPES.length];
    const [regionId, zoneId] = zones[i % zones.length];
    out.push({ id: `cl_bench_${i % 12}`, kind: "cluster", meter: "node", shapeId: shape.id, tier: null, regionId, zoneId, gpuCount: shape.gpuCount });
  }
  for (let i = 0; i < 12; i++) {
    const [regionId, zoneId] = zones[i % zones.length];
    out.push({ id: `cl_bench_${i}`, kind: "cluster", meter: "control_plane", shapeId: null, tier: i % 3 === 0 ? "ha" : "single", regionId, zoneId, gpuCount: 0 });
  }
  for (let i = 0; i < 8; i++) {
    const [regionId, zoneId] = zones[i % zones.length];
    const shape = SHAPES[i % 2 === 0 ? 0 : 1];
    out.push({ id: `ep_bench_${i % 4}`, kind: "endpoint", meter: i < 4 ? "node" : "tokens", shapeId: i < 4 ? shape.id : null, tier: null, regionId, zoneId, gpuCount: shape.gpuCount });
  }
  return out;
}

function* records(count: number): Generator<MeteringRecord[]> {
  const resources = fleet();
  const start = jstMonthRange(MONTH).start.getTime();
  let batch: MeteringRecord[] = [];
  let n = 0;
  for (let step = 0; n < count; step++) {
    const from = start + step * STEP_SECONDS * 1000;
    const intervalStart = new Date(from).toISOString();
    const intervalEnd = new Date(from + STEP_SECONDS * 1000).toISOString();
    for (let r = 0; r < resources.length && n < count; r++, n++) {
      const res = resources[r];
      const tokens = res.meter === "tokens";
      batch.push({
        id: `mr_${step}_${r}`,
        tenantId: ORG,
        resourceId: res.id,
        resourceKind: res.kind,
        meter: res.meter,
        shapeId: res.shapeId,
        controlPlaneTier: res.tier,
        regionId: res.regionId,
        zoneId: res.zoneId,
        intervalStart,
        intervalEnd,
        seconds: tokens ? 0 : STEP_SECONDS,
        gpuSeconds: tokens || res.meter === "control_plane" ? 0 : STEP_SECONDS * res.gpuCount,
        inputTokens: tokens ? 40_000 + (step % 97) * 13 : 0,
        outputTokens: tokens ? 9_000 + (step % 89) * 7 : 0,
        requests: tokens ? 120 : 0,
        sequence: n,
      });
      if (batch.length === BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

async function timed<T>(label: string, fn: () => Promise<T>, results: Array<[string, string]>, perSecond?: number): Promise<T> {
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  const rate = perSecond ? `  (${Math.round(perSecond / seconds).toLocaleString("en-US")} records/s)` : "";
  results.push([label, `${seconds.toFixed(3)} s${rate}`]);
  console.log(`  ${label}: ${seconds.toFixed(3)} s${rate}`);
  return value;
}

async function run(engine: string, open: () => Promise<DbHandle>): Promise<void> {
  console.log(`\n== ${engine}: ${RECORDS.toLocaleString("en-US")} metering records, month ${MONTH}`);
  const handle = await open();
  const results: Array<[string, string]> = [];
  try {
    const db = handle.db;
    await createOrg(db, ORG, "株式会社ベンチマーク", "Benchmark K.K.");
    await saveContract(db, ORG, { discountPercent: 8, discountByGpuModel: { H200: 15 }, effectiveFrom: "2026-11-15" });

    let ingested = 0;
    await timed(
      "ingest (validate, rate, split by JST day, insert + rollups)",
      async () => {
        for (const batch of records(RECORDS)) {
          const r = await ingestMeteringRecords(db, batch, { chunkSize: 5000 });
          ingested += r.inserted;
        }
      },
      results,
      RECORDS,
    );
    if (ingested !== RECORDS) throw new Error(`ingested ${ingested} of ${RECORDS}`);

    const first = records(RECORDS).next().value as MeteringRecord[];
    await timed("re-ingest 50,000 already stored (idempotent path)", () => ingestMeteringRecords(db, first, { chunkSize: 5000 }), results, first.length);

    for (const groupBy of ["service", "shape", "region", "resource", "day"] as CostGroupBy[]) {
      const summary = await timed(`cost explorer, month by ${groupBy}`, () => costSummary(db, ORG, { from: "2026-11-01", to: "2026-12-01", groupBy }), results);
      if (groupBy === "service") console.log(`    month total ¥${summary.total.costJpy.toLocaleString("en-US")} (list ¥${summary.total.listCostJpy.toLocaleString("en-US")})`);
    }
    await timed("month to date + forecast", () => monthToDateAndForecast(db, ORG, new Date("2026-11-20T03:00:00Z")), results);

    let focusBytes = 0;
    await timed("FOCUS CSV for the month", async () => {
      for await (const chunk of focusCsvChunks(db, ORG, "2026-11-01", "2026-12-01")) focusBytes += chunk.length;
    }, results);
    console.log(`    ${focusBytes.toLocaleString("en-US")} characters`);

    const closed = await timed("closeMonth (rate month, compose, render PDF, store)", () => closeMonth(db, ORG, MONTH, new Date("2026-12-01T00:00:00Z")), results);
    console.log(`    ${closed.invoice.number}: ${closed.invoice.lines.length} lines, subtotal ¥${closed.invoice.subtotalJpy.toLocaleString("en-US")}, tax ¥${closed.invoice.taxJpy.toLocaleString("en-US")}, total ¥${closed.invoice.totalJpy.toLocaleString("en-US")}`);
    await timed("closeMonth again (already issued)", () => closeMonth(db, ORG, MONTH, new Date("2026-12-01T00:05:00Z")), results);
  } finally {
    await handle.close();
  }
}


async function main() {
  const pgUrl = process.env.BENCH_DATABASE_URL;
  await run("PGlite (file-backed, scratch directory)", scratchPglite);
  if (pgUrl) {
    // createTestDatabase creates (and afterwards drops) a scratch database on that server.
    process.env.TEST_DATABASE_URL = pgUrl;
    await run("PostgreSQL", () => createTestDatabase());
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
