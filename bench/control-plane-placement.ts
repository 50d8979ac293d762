import "server-only";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import type { ClusterSpecInput } from "@/lib/domain/control-plane";
import { ManualClock } from "@/lib/control-plane/sim/clock";
import { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";

// Placement and capacity queries of the simulator, over the default fleet and a 10× fleet.
//   node scripts/run-ts.mjs bench/control-plane-placement.ts [--scales 1,10] [--launches 400]
// Runs on an in-memory PGlite, or on PostgreSQL when BENCH_DATABASE_URL is set (a scratch
// database: the cp_* tables are emptied first).

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1]]));
const scales = (args.get("--scales") ?? "1,10").split(",").map(Number);
const launches = Number(args.get("--launches") ?? 400);

/** A mix of what customers launch; each takes capacity in a zone of the shape's region. */
const MIX: { zoneId: string; shapeId: string; count: number; topology?: "rack" }[] = [
  { zoneId: "jp-tokyo-1a", shapeId: "h100-8x", count: 1 },
  { zoneId: "jp-tokyo-1b", shapeId: "h100-1x", count: 2 },
  { zoneId: "jp-tokyo-1a", shapeId: "l40s-1x", count: 2 },
  { zoneId: "jp-hokkaido-1a", shapeId: "h200-8x", count: 2 },
  { zoneId: "jp-osaka-1a", shapeId: "b200-8x", count: 1 },
  { zoneId: "jp-osaka-1b", shapeId: "gb200-tray", count: 4 },
  { zoneId: "jp-hokkaido-1a", shapeId: "gb200-tray", count: 18, topology: "rack" },
  { zoneId: "jp-tokyo-1b", shapeId: "cpu-16", count: 1 },
];

function spec(i: number): ClusterSpecInput {
  const m = MIX[i % MIX.length];
  return {
    tenantId: `org_bench_${i % 50}`,
    clusterId: `cl_bench_${i}`,
    name: "bench",
    zoneId: m.zoneId,
    kubernetesVersion: "1.37",
    controlPlane: "single",
    nodePools: [{ poolId: "np", name: "pool", shapeId: m.shapeId, count: m.count, topology: m.topology ?? null }],
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { ms: performance.now() - start, result };
}

async function repeat(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const { ms } = await timed(async () => {
    for (let i = 0; i < n; i++) await work(i);
  });
  return ms / n;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits).padStart(9);

async function open(): Promise<DbHandle> {
  const handle = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL || undefined });
  await handle.db.execute(
    "truncate cp_meta, cp_hosts, cp_gpus, cp_clusters, cp_endpoints, cp_placements, cp_operations, cp_idempotency_keys, cp_metering_records, cp_token_usage, cp_cluster_credentials restart identity" as never,
  );
  return handle;
}

async function benchScale(scale: number): Promise<void> {
  const handle = await open();
  const clock = new ManualClock();
  const sim = new SimulatedControlPlane({ db: handle.db, clock, fleetScale: scale });
  const seed = await timed(() => sim.ready());
  const capacity = await sim.getCapacity();
  const gpus = capacity.filter((c) => c.shapeId !== "h100-1x").reduce((n, c) => n + c.total * ({ "h100-8x": 8, "h200-8x": 8, "b200-8x": 8, "gb200-tray": 4, "l40s-1x": 1 }[c.shapeId] ?? 0), 0);
  const hosts = capacity.filter((c) => c.shapeId !== "h100-1x").reduce((n, c) => n + c.total, 0);
  console.log(`\n== fleet ×${scale}: ${hosts} hosts, ${gpus} GPUs (${handle.driver}); seeded in ${(seed.ms / 1000).toFixed(1)} s`);

  const rows: [string, string][] = [];
  const fullQuery = await repeat(200, () => sim.getCapacity());
  rows.push(["capacity, whole fleet (ms/query)", fmt(fullQuery)]);
  const zoneQuery = await repeat(200, () => sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-1x" }));
  rows.push(["capacity, one zone and shape (ms/query)", fmt(zoneQuery)]);

  // Sequential launches: each validates, places, records an operation, in one transaction.
  const n = Math.min(launches, 50 * scale * 8);
  const sequential = await timed(async () => {
    let refused = 0;
    for (let i = 0; i < n; i++) await sim.createCluster(spec(i), `k-${i}`).catch(() => refused++);
    return refused;
  });
  rows.push([`launches, sequential (${n}; ${sequential.result} refused)`, `${fmt(n / (sequential.ms / 1000), 0)} ops/s  ${fmt(sequential.ms / n)} ms/op`]);

  // Concurrent launches, 25 at a time, into a half-used fleet.
  const concurrent = await timed(async () => {
    let refused = 0;
    for (let i = n; i < 2 * n; i += 25) {
      const batch = Array.from({ length: Math.min(25, 2 * n - i) }, (_, j) => sim.createCluster(spec(i + j), `k-${i + j}`).catch(() => refused++));
      await Promise.all(batch);
    }
    return refused;
  });
  rows.push([`launches, 25 concurrent (${n}; ${concurrent.result} refused)`, `${fmt(n / (concurrent.ms / 1000), 0)} ops/s  ${fmt(concurrent.ms / n)} ms/op`]);

  rows.push(["capacity, whole fleet, after launches (ms/query)", fmt(await repeat(100, () => sim.getCapacity()))]);

  // The ticker bringing every launch to running (operation steps, node state, metering).
  const tick = await timed(() => sim.advance(120_000));
  rows.push([`tick completing ${2 * n} launches (ms)`, fmt(tick.ms, 0)]);

  // A full-zone refusal, with the "available elsewhere" answer.
  const refusal = await repeat(20, (i) =>
    sim.createCluster({ ...spec(0), clusterId: `cl_refused_${i}`, nodePools: [{ poolId: "np", name: "p", shapeId: "h200-8x", count: 512 }] }, `refused-${i}`).catch(() => undefined),
  );
  rows.push(["refused launch with alternatives (ms/op)", fmt(refusal)]);

  const deletes = await timed(async () => {
    for (let i = 0; i < 100; i++) await sim.deleteCluster(`cl_bench_${i}`, `d-${i}`).catch(() => undefined);
  });
  rows.push(["deletes (100, ms/op)", fmt(deletes.ms / 100)]);

  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
  await sim.close();
  await handle.close();
}

async function main(): Promise<void> {
  console.log(`control-plane placement bench — node ${process.version}`);
  for (const scale of scales) await benchScale(scale);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
