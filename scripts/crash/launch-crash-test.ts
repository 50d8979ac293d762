// Crash test for Idempotency-Key (issue 15.1): the built server (dist/server.mjs) is killed with
// SIGKILL at random moments while a burst of cluster launches is in flight; it is restarted and
// every unanswered launch is retried with its own key, as an SDK would, until answered. Then:
// every order exists exactly once, each answer names that one order, and each order ends
// (running or failed) — followed through its operation, not waited for by a fixed sleep.
//
//   node scripts/run-ts.mjs scripts/crash/launch-crash-test.ts            embedded PGlite
//   bash scripts/with-postgres.sh node scripts/run-ts.mjs scripts/crash/launch-crash-test.ts
//
// Settings: CRASH_PORT (3320), CRASH_SEED, CRASH_ORDERS (40), CRASH_KILLS (6).
import seedrandom from "seedrandom";
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import pg from "pg";
import { openDatabase, type DbHandle } from "@/lib/db/client";
import { apiTokens, clusters, idempotencyRecords, memberships, operations, orgs, users } from "@/lib/db/schema";
import { displayPrefix, hashSecret, newSecret } from "@/lib/auth/secrets";
import { API_TOKEN_PREFIX } from "@/lib/domain/api-tokens";
import { ZONES } from "@/lib/domain/catalog/regions";
import { newId, ulid } from "@/lib/domain/ids";
import { seedDemoData } from "@/lib/services/demo/seed-demo-data";

// run-ts.mjs hands this file its own path as argv[1] (tsx may load it as CommonJS: no import.meta).
const root = path.resolve(path.dirname(process.argv[1]), "../..");
const port = Number(process.env.CRASH_PORT ?? 3320);
const seed = Number(process.env.CRASH_SEED ?? 20260515);
const orderCount = Number(process.env.CRASH_ORDERS ?? 40);
const killCount = Number(process.env.CRASH_KILLS ?? 6);
const LEASE_MS = 3_000;
const ORG = "hinoki-motor";
const base = `http://127.0.0.1:${port}`;
const started = Date.now();

const random = seedrandom(String(seed)); // the same kill points and request order for the same seed
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (message: string) => console.log(`[crash ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

let currentServer: ChildProcess | null = null;

function fail(message: string): never {
  console.error(`\nCRASH TEST FAILED: ${message}`);
  currentServer?.kill("SIGKILL");
  process.exit(1);
}

// However the run goes, it ends: a hang anywhere fails the test instead of stalling CI.
const watchdog = setTimeout(() => fail(`the run took longer than ${process.env.CRASH_TIMEOUT_S ?? 900} s`), Number(process.env.CRASH_TIMEOUT_S ?? 900) * 1000);

// ------------------------------------------------------------------ the database and a token

interface Target {
  engine: "pglite" | "postgres";
  env: Record<string, string>;
  open(): Promise<DbHandle>;
  drop(): Promise<void>;
}

async function prepareTarget(): Promise<Target> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = path.join(root, `.test-data/crash-${port}`);
    rmSync(dataDir, { recursive: true, force: true });
    return {
      engine: "pglite",
      env: { HINOKI_DATA_DIR: dataDir },
      open: () => openDatabase({ dataDir: path.join(dataDir, "pglite") }),
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `hinoki_crash_${ulid().toLowerCase()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = path.join(root, `.test-data/crash-${port}-pg`);
  rmSync(dataDir, { recursive: true, force: true });
  return {
    engine: "postgres",
    env: { DATABASE_URL: url.toString(), HINOKI_DATA_DIR: dataDir, HINOKI_ATTESTATION_KEK: Buffer.alloc(32, 7).toString("base64") },
    open: () => openDatabase({ databaseUrl: url.toString() }),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Migrates, seeds the demo org and issues an owner API token for it, as an operator would. */
async function seedToken(target: Target): Promise<string> {
  const handle = await target.open();
  try {
    await seedDemoData(handle);
    const [owner] = await handle.db
      .select({ userId: users.id, orgId: orgs.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(and(eq(orgs.slug, ORG), eq(memberships.role, "owner")))
      .limit(1);
    const secret = newSecret(API_TOKEN_PREFIX);
    await handle.db.insert(apiTokens).values({ id: newId("apiToken"), orgId: owner.orgId, createdBy: owner.userId, name: "crash-test", role: "owner", prefix: displayPrefix(secret), secretHash: hashSecret(secret), expiresAt: null });
    return secret;
  } finally {
    await handle.close();
  }
}

// ------------------------------------------------------------------ the server

mkdirSync(path.join(root, ".test-data"), { recursive: true });
const serverLog = createWriteStream(path.join(root, `.test-data/crash-${port}.log`));

async function startServer(target: Target): Promise<ChildProcess> {
  // A fresh pool per server: the last one's sockets died with it.
  currentAgent.destroy();
  currentAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const nodeFlags = JSON.parse(readFileSync(path.join(root, "scripts/server-node-flags.json"), "utf8")) as string[];
  const child = spawn(process.execPath, [...nodeFlags, "--enable-source-maps", process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs"], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      AUTH_SECRET: "crash-test-only-secret-not-for-production-0123456789",
      AUTH_TRUST_HOST: "true",
      HINOKI_SEED_DEMO: "false",
      HINOKI_SIM_SPEED: "10",
      HINOKI_API_RATE_BURST: "5000",
      HINOKI_IDEMPOTENCY_LEASE_MS: String(LEASE_MS),
      NEXT_TELEMETRY_DISABLED: "1",
      ...target.env,
    },
  });
  currentServer = child;
  child.stdout!.pipe(serverLog, { end: false });
  child.stderr!.pipe(serverLog, { end: false });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) fail(`the server exited with ${child.exitCode} while starting (see .test-data/crash-${port}.log)`);
    try {
      const response = await request("GET", "/api/health", {}, undefined, 5_000);
      if (response.status < 500) return child;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  fail("the server did not answer /api/health within 90 s");
}

async function stopServer(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

// ------------------------------------------------------------------ the orders

interface Order {
  index: number;
  key: string;
  body: { name: string; zoneId: string; kubernetesVersion: string; controlPlane: string; nodePools: { name: string; shapeId: string; count: number }[] };
  answer?: { id: string; target: { id: string; name: string } };
  sent: number;
  lostToKill: number;
}

const stats = { requests: 0, lostToKill: 0, busy409: 0, replays: 0 };
const tokyoZones = ZONES.filter((z) => z.regionId === "jp-tokyo-1").map((z) => z.id);

function makeOrders(): Order[] {
  return Array.from({ length: orderCount }, (_, index) => ({
    index,
    key: `crash-${seed}-${index}`,
    body: {
      name: `crash-${index}`,
      zoneId: tokyoZones[index % tokyoZones.length],
      kubernetesVersion: "1.36",
      controlPlane: "single",
      nodePools: [{ name: "system", shapeId: "cpu-16", count: 1 }],
    },
    sent: 0,
    lostToKill: 0,
  }));
}

interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/**
 * One HTTP request over the current server's own connection pool, with a hard deadline kept by a
 * timer of our own: a connection to a server killed mid-request must fail, never hang the test.
 */
function request(method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, headers, agent: currentAgent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text ? JSON.parse(text) : null });
        } catch (error) {
          reject(error);
        }
      });
      res.on("aborted", () => reject(new Error("response aborted")));
    });
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs} ms`));
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(body);
  });
}

let currentAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

async function api(token: string, method: string, url: string, body?: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (key) headers["idempotency-key"] = key;
  return request(method, url, headers, body === undefined ? undefined : JSON.stringify(body), 60_000);
}

/** One client's loop for one order while this server lives: send, honour Retry-After on 409, stop at an answer or a dead server. */
async function pursue(token: string, order: Order, isAlive: () => boolean): Promise<void> {
  while (!order.answer && isAlive()) {
    order.sent++;
    stats.requests++;
    let response;
    try {
      response = await api(token, "POST", `/api/v1/orgs/${ORG}/clusters`, order.body, order.key);
    } catch {
      order.lostToKill++;
      stats.lostToKill++;
      return;
    }
    if (response.status === 202) {
      if (response.headers["idempotent-replayed"] === "true") stats.replays++;
      order.answer = response.body;
      return;
    }
    if (response.status === 409 && response.headers["retry-after"]) {
      stats.busy409++;
      await sleep(Math.min(Number(response.headers["retry-after"]) * 1000, LEASE_MS + 1000));
      continue;
    }
    fail(`order ${order.key} got ${response.status} ${JSON.stringify(response.body)}`);
  }
}

// ------------------------------------------------------------------ the run

async function main(): Promise<void> {
  const bundle = path.resolve(root, process.env.HINOKI_SERVER_BUNDLE ?? "dist/server.mjs");
  if (!existsSync(bundle)) fail(`${bundle} is missing: run \`npm run build\` first`);
  if (tokyoZones.length * 32 < orderCount) fail("more orders than the Tokyo zones have cpu-16 nodes");
  const target = await prepareTarget();
  log(`engine ${target.engine}, seed ${seed}, ${orderCount} orders, ${killCount} kills, lease ${LEASE_MS} ms`);
  const token = await seedToken(target);
  log("database migrated, demo org seeded, API token issued");
  const orders = makeOrders();
  const rounds: { round: number; answeredBefore: number; answeredAfter: number; killAtMs: number | null }[] = [];

  for (let round = 0; round <= killCount; round++) {
    const killing = round < killCount;
    const server = await startServer(target);
    log(`round ${round}: server ready`);
    let alive = true;
    const answeredBefore = orders.filter((o) => o.answer).length;
    const open = orders.filter((o) => !o.answer);
    // The burst: every unanswered order, each starting at a random moment of the first 1.5 s.
    const clients = open.map(async (order) => {
      await sleep(random() * 1_500);
      await pursue(token, order, () => alive);
    });
    let killAtMs: number | null = null;
    if (killing) {
      // Kill after a random share of this round's answers (none, some, about half) and a random
      // few hundred ms more: in flight are requests before, inside and just after their commit.
      const burstStart = Date.now();
      const answersBeforeKill = Math.floor(random() * (open.length / 2 + 1));
      const extraMs = random() * 400;
      while (orders.filter((o) => o.answer).length - answeredBefore < answersBeforeKill && Date.now() - burstStart < 20_000) await sleep(20);
      await sleep(extraMs);
      killAtMs = Date.now() - burstStart;
      alive = false;
      await stopServer(server, "SIGKILL");
      await Promise.all(clients);
    } else {
      const deadline = Date.now() + 120_000;
      await Promise.race([Promise.all(clients), sleep(120_000)]);
      if (Date.now() > deadline || orders.some((o) => !o.answer)) fail(`${orders.filter((o) => !o.answer).length} orders still unanswered after 120 s`);
      // Every answered order once more: a replay of the same operation, across restarts.
      for (const order of orders) {
        const again = await api(token, "POST", `/api/v1/orgs/${ORG}/clusters`, order.body, order.key);
        if (again.status !== 202 || again.body.id !== order.answer!.id) fail(`replay of ${order.key} answered ${again.status} ${JSON.stringify(again.body)} instead of operation ${order.answer!.id}`);
        if (again.headers["idempotent-replayed"] !== "true") fail(`replay of ${order.key} was not marked Idempotent-Replayed`);
      }
      await verifyThroughApi(token, orders);
      await stopServer(server, "SIGTERM");
      alive = false;
    }
    const answeredAfter = orders.filter((o) => o.answer).length;
    rounds.push({ round, answeredBefore, answeredAfter, killAtMs });
    log(killing ? `round ${round}: killed at ${killAtMs} ms, answered ${answeredBefore} → ${answeredAfter} of ${orderCount}` : `final round: all ${answeredAfter} answered`);
  }

  const counts = await verifyInDatabase(target, orders);
  await target.drop();
  const unansweredAtSomeKill = orders.filter((o) => o.lostToKill > 0).length;
  const summary = { engine: target.engine, seed, orders: orderCount, kills: killCount, ...stats, ordersCutByAKill: unansweredAtSomeKill, ...counts, seconds: Math.round((Date.now() - started) / 1000) };
  if (unansweredAtSomeKill === 0) fail(`no request was in flight at any kill: the test proved nothing (${JSON.stringify(summary)})`);
  console.log(`\nCRASH TEST PASSED ${JSON.stringify(summary)}`);
  currentAgent.destroy();
  clearTimeout(watchdog);
  serverLog.end(() => process.exit(0));
}

/** Each order exactly once among the org's clusters, named by its answer, and ended (running or failed). */
async function verifyThroughApi(token: string, orders: Order[]): Promise<void> {
  const listed: { id: string; name: string; status: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await api(token, "GET", `/api/v1/orgs/${ORG}/clusters?q=crash-&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    if (page.status !== 200) fail(`cluster list answered ${page.status}`);
    listed.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  for (const order of orders) {
    const named = listed.filter((c) => c.name === order.body.name);
    if (named.length !== 1) fail(`${order.body.name}: ${named.length} clusters instead of 1`);
    if (named[0].id !== order.answer!.target.id) fail(`${order.body.name}: the answer names cluster ${order.answer!.target.id}, the list has ${named[0].id}`);
  }
  if (listed.length !== orders.length) fail(`${listed.length} crash-* clusters for ${orders.length} orders`);

  // Follow every operation until it ends; give up only when nothing has moved for 60 s.
  const pending = new Map(orders.map((o) => [o.answer!.id, ""]));
  let lastProgress = Date.now();
  while (pending.size > 0) {
    for (const [id, seen] of pending) {
      const op = await api(token, "GET", `/api/v1/orgs/${ORG}/operations/${id}`);
      if (op.status !== 200) fail(`operation ${id} answered ${op.status}`);
      const state = `${op.body.status}:${op.body.progress}:${op.body.currentStep}`;
      if (state !== seen) lastProgress = Date.now();
      if (op.body.status === "succeeded" || op.body.status === "failed") pending.delete(id);
      else pending.set(id, state);
    }
    if (pending.size === 0) break;
    if (Date.now() - lastProgress > 60_000) fail(`${pending.size} operations made no progress for 60 s: ${[...pending.entries()].slice(0, 5).map(([id, s]) => `${id}=${s}`).join(", ")}`);
    await sleep(500);
  }
  for (const order of orders) {
    const cluster = await api(token, "GET", `/api/v1/orgs/${ORG}/clusters/${order.answer!.target.id}`);
    if (!["running", "failed"].includes(cluster.body.status)) fail(`${order.body.name} ended ${cluster.body.status}, not running or failed`);
  }
}

/** The same facts from the database itself, after a clean stop: one cluster and one operation per key, no claim left open. */
async function verifyInDatabase(target: Target, orders: Order[]) {
  const handle = await target.open();
  try {
    const perName = await handle.db
      .select({ name: clusters.name, n: sql<number>`count(*)::int` })
      .from(clusters)
      .where(like(clusters.name, "crash-%"))
      .groupBy(clusters.name);
    const perKey = await handle.db
      .select({ key: operations.idempotencyKey, n: sql<number>`count(*)::int` })
      .from(operations)
      .where(like(operations.idempotencyKey, `crash-${seed}-%`))
      .groupBy(operations.idempotencyKey);
    const records = await handle.db.select({ key: idempotencyRecords.key, status: idempotencyRecords.status }).from(idempotencyRecords).where(like(idempotencyRecords.key, `crash-${seed}-%`));
    const statuses = await handle.db
      .select({ status: clusters.status, n: sql<number>`count(*)::int` })
      .from(clusters)
      .where(like(clusters.name, "crash-%"))
      .groupBy(clusters.status);
    if (perName.length !== orders.length || perName.some((r) => r.n !== 1)) fail(`clusters per order: ${JSON.stringify(perName.filter((r) => r.n !== 1))}, ${perName.length} names for ${orders.length} orders`);
    if (perKey.length !== orders.length || perKey.some((r) => r.n !== 1)) fail(`operations per key: ${JSON.stringify(perKey.filter((r) => r.n !== 1))}, ${perKey.length} keys for ${orders.length} orders`);
    if (records.length !== orders.length || records.some((r) => r.status !== 202)) fail(`idempotency records: ${JSON.stringify(records.filter((r) => r.status !== 202))}`);
    return { clusters: perName.length, operations: perKey.length, clusterStatuses: Object.fromEntries(statuses.map((s) => [s.status, s.n])) };
  } finally {
    await handle.close();
  }
}

main().catch((error) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)));
