// Benchmark (not a test): the clusters list with 10,000 clusters in one org and 100,000 in the
// database — server time of the list service and of the API route (GET /api/v1/orgs/{org}/clusters,
// through the whole route wrapper with an API token) for the first page and for pages deep in the
// list (keyset cursors, so a deep page should cost what the first does), in two sort orders.
//
//   node scripts/run-ts.mjs bench/clusters-list.ts                       # PGlite in memory
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:55441/postgres \
//     node scripts/run-ts.mjs bench/clusters-list.ts                     # a scratch PostgreSQL database
//
// BENCH_CLUSTERS (default 100,000) and BENCH_ORG_CLUSTERS (10,000) override the sizes.

import { sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import { clusterNodePools, clusters, orgs } from "@/lib/db/schema";
import { newId } from "@/lib/domain/ids";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { listClusters } from "@/lib/services/clusters/list-clusters";
import { encodeCursor } from "@/lib/domain/cursor";
import { forgetCostCache } from "@/lib/services/clusters/cluster-costs";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import { GET } from "@/app/api/v1/orgs/[org]/clusters/route";

const TOTAL = Number(process.env.BENCH_CLUSTERS ?? 100_000);
const IN_ORG = Number(process.env.BENCH_ORG_CLUSTERS ?? 10_000);
const ORGS = 10;
const BATCH = 2_000;
const STATUSES = ["running", "running", "running", "provisioning", "failed", "deleted"];

async function time<T>(runs: number, fn: () => Promise<T>): Promise<{ medianMs: number; p95Ms: number; result: T }> {
  let result!: T;
  const samples: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    const started = performance.now();
    result = await fn();
    if (i >= 2) samples.push(performance.now() - started); // two warm-up runs
  }
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)], p95Ms: samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.95))], result };
}

async function main() {
  if (process.env.BENCH_DATABASE_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_DATABASE_URL;
  const handle = await createTestDatabase();
  const db = handle.db;
  console.log(`clusters list benchmark on ${handle.driver}: ${IN_ORG.toLocaleString()} clusters in one org, ${TOTAL.toLocaleString()} in the database`);

  const bench = await orgWithRoles(db, "bench-org");
  const others: string[] = [];
  for (let i = 0; i < ORGS - 1; i++) {
    const id = newId("org");
    await db.insert(orgs).values({ id, slug: `bench-other-${i}`, legalNameJa: `他社${i}株式会社`, legalNameEn: `Other ${i} K.K.` });
    others.push(id);
  }

  const seedStarted = performance.now();
  const start = Date.now() - TOTAL * 1000;
  for (let offset = 0; offset < TOTAL; offset += BATCH) {
    const rows = [];
    const pools = [];
    for (let i = offset; i < Math.min(TOTAL, offset + BATCH); i++) {
      // Every tenth cluster is the bench org's until it has IN_ORG of them; the rest are spread.
      const mine = i % Math.ceil(TOTAL / IN_ORG) === 0 && Math.floor(i / Math.ceil(TOTAL / IN_ORG)) < IN_ORG;
      const orgId = mine ? bench.orgId : others[i % others.length];
      const createdAt = new Date(start + i * 1000);
      const id = newId("cluster", createdAt.getTime());
      const status = STATUSES[i % STATUSES.length];
      rows.push({
        id,
        orgId,
        name: `c-${(i * 7919) % TOTAL}-${i}`,
        regionId: i % 3 === 0 ? "jp-osaka-1" : "jp-tokyo-1",
        zoneId: i % 3 === 0 ? "jp-osaka-1a" : "jp-tokyo-1a",
        kubernetesVersion: "1.36",
        controlPlane: "single",
        network: { podCidr: "10.244.0.0/16", serviceCidr: "10.96.0.0/12" },
        status,
        gpuCount: 8,
        nodeCount: 1,
        gpuModels: ["H100"],
        pricePerHourJpy: 7220,
        submitted: 1,
        createdAt,
        updatedAt: createdAt,
        deletedAt: status === "deleted" ? createdAt : null,
      });
      pools.push({ id: newId("nodePool", createdAt.getTime()), orgId, clusterId: id, name: "gpu", shapeId: "h100-8x", count: 1, status: "active" });
    }
    await db.insert(clusters).values(rows);
    await db.insert(clusterNodePools).values(pools);
  }
  await db.execute(sql`analyze clusters`);
  console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

  const principal = bench.as.viewer;
  const token = await createApiToken(bench.as.owner, "bench-org", { name: "bench", role: "viewer", expiresInDays: 1 });
  const liveIds = (await db.execute(sql`select id, name from clusters where org_id = ${bench.orgId} and status <> 'deleted' order by id desc`)) as unknown as { rows?: { id: string; name: string }[] } | { id: string; name: string }[];
  const ordered = Array.isArray(liveIds) ? liveIds : (liveIds.rows ?? []);
  const byName = [...ordered].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const deepIndex = Math.floor(ordered.length * 0.9);
  const deepById = encodeCursor({ i: ordered[deepIndex].id });
  const deepByName = encodeCursor({ n: byName[deepIndex].name, i: byName[deepIndex].id });

  const api = async (query: string) => {
    const response = await GET(new Request(`http://localhost/api/v1/orgs/bench-org/clusters?${query}`, { headers: { authorization: `Bearer ${token.secret}` } }), { params: Promise.resolve({ org: "bench-org" }) });
    if (response.status !== 200) throw new Error(`API answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as { items: unknown[] };
  };

  const cases: Array<[string, () => Promise<{ items: unknown[] }>]> = [
    ["service · first page (newest first, 50)", () => listClusters(principal, "bench-org", { limit: 50 })],
    [`service · deep page (row ${deepIndex.toLocaleString()}, newest first)`, () => listClusters(principal, "bench-org", { limit: 50, cursor: deepById })],
    ["service · first page by name", () => listClusters(principal, "bench-org", { limit: 50, sort: "name_asc" })],
    [`service · deep page by name (row ${deepIndex.toLocaleString()})`, () => listClusters(principal, "bench-org", { limit: 50, sort: "name_asc", cursor: deepByName })],
    ["service · first page, status=running, region filter", () => listClusters(principal, "bench-org", { limit: 50, status: "running", regionId: "jp-tokyo-1" })],
    ["API GET · first page (50)", () => api("limit=50")],
    ["API GET · deep page (50)", () => api(`limit=50&cursor=${deepById}`)],
    ["API GET · first page (200)", () => api("limit=200")],
    ["API GET · deep page by name (50)", () => api(`limit=50&sort=name_asc&cursor=${deepByName}`)],
  ];
  console.log("");
  console.log("case".padEnd(58), "median ms".padStart(10), "p95 ms".padStart(10), "rows".padStart(6));
  for (const [label, fn] of cases) {
    forgetCostCache();
    const { medianMs, p95Ms, result } = await time(20, fn);
    console.log(label.padEnd(58), medianMs.toFixed(1).padStart(10), p95Ms.toFixed(1).padStart(10), String(result.items.length).padStart(6));
  }
  const plan = (await db.execute(sql`explain select * from clusters where org_id = ${bench.orgId} and status <> 'deleted' and id < ${ordered[deepIndex].id} order by org_id desc, id desc limit 51`)) as unknown as { rows?: Record<string, string>[] } | Record<string, string>[];
  const planRows = Array.isArray(plan) ? plan : (plan.rows ?? []);
  console.log("\nplan of the deep page:\n  " + planRows.map((r) => Object.values(r)[0]).join("\n  "));
  await handle.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
