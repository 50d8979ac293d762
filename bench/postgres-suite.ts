// The PostgreSQL half of `npm run bench`, run by bench/run-all.ts inside scripts/with-postgres.sh
// (which starts a throwaway PostgreSQL and sets TEST_DATABASE_URL): the API figure with the
// console on PostgreSQL instead of PGlite, and the scale figures (clusters list, billing) on
// PostgreSQL. Figures for the summary table are printed as `BENCH_ROW {json}` lines.
//
//   bash scripts/with-postgres.sh node scripts/run-ts.mjs bench/postgres-suite.ts [api] [scale]

import { spawnSync } from "node:child_process";
import path from "node:path";
import { measureApiOverhead } from "./lib/api-overhead";
import { startConsole } from "./lib/console-server";
import { createApiToken, signInCookie } from "./lib/session";

const root = path.resolve(__dirname, "..");
const url = process.env.TEST_DATABASE_URL;
const parts = process.argv.slice(2);
const want = (part: string) => parts.length === 0 || parts.includes(part);
const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

function row(value: Record<string, unknown>): void {
  console.log(`BENCH_ROW ${JSON.stringify(value)}`);
}

async function api(databaseUrl: string): Promise<void> {
  const run = await startConsole({ port: Number(process.env.BENCH_PORT ?? 3290) + 1, dataDir: path.join(root, ".test-data/bench-postgres"), databaseUrl, env: { HINOKI_SIM_SPEED: "10" } });
  try {
    const idleRss = run.rssMb();
    const cookie = await signInCookie(run.url, "dev@hinoki-motor.example", "hinoki-demo-2026");
    const token = await createApiToken(run.url, cookie, "hinoki-motor");
    const { baseline, clusters, ratio, viaCookie, cookieRatio } = await measureApiOverhead(run.url, "hinoki-motor", token, cookie);
    const base = `${fmt(baseline.requestsPerSecond)} constant JSON (p99 ${baseline.p99Ms} ms)`;
    row({ area: "API (PostgreSQL)", measure: "GET clusters, API token (first page), req/s @50", value: `${fmt(clusters.requestsPerSecond)} (p50 ${clusters.p50Ms} ms, p99 ${clusters.p99Ms} ms)`, baseline: base, ratio: fmt(ratio, 2), budget: "≥ 0.5, p99 < 50 ms", ok: ratio >= 0.5 && clusters.p99Ms < 50 });
    if (viaCookie) row({ area: "API (PostgreSQL)", measure: "GET clusters, session cookie (browser)", value: `${fmt(viaCookie.requestsPerSecond)} (p50 ${viaCookie.p50Ms} ms, p99 ${viaCookie.p99Ms} ms)`, baseline: base, ratio: fmt(cookieRatio ?? 0, 2), budget: "≥ 0.5", ok: (cookieRatio ?? 0) >= 0.5 });
    row({ area: "Memory (PostgreSQL)", measure: "server RSS idle → after the API load", value: `${fmt(idleRss)} → ${fmt(run.rssMb())} MB`, baseline: "—", ratio: "—", budget: "—" });
  } finally {
    await run.stop();
  }
}

function child(script: string, env: Record<string, string>): void {
  const result = spawnSync(process.execPath, ["scripts/run-ts.mjs", script], { cwd: root, encoding: "utf8", env: { ...process.env, ...env }, timeout: 20 * 60_000 });
  console.log(`--- ${script} ---\n${(result.stdout ?? "").trim()}${result.status === 0 ? "" : `\n(exit ${result.status}) ${result.stderr?.slice(-2000) ?? ""}`}`);
}

async function main(): Promise<void> {
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run me through scripts/with-postgres.sh");
  if (want("api")) await api(url);
  if (want("scale")) {
    child("bench/clusters-list.ts", { BENCH_DATABASE_URL: url });
    // PGlite first, then PostgreSQL, in one process: both engines' billing figures side by side.
    child("bench/billing-month-close.ts", { BENCH_DATABASE_URL: url });
    child("bench/gpu-telemetry.ts", { BENCH_DATABASE_URL: url });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
