import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase } from "@/lib/db/testing";
import { startServerProcess, type ServerProcess } from "@/lib/control-plane/testing/server-process";
import { jstMonthOf, jstMonthRange, previousMonth } from "@/lib/domain/billing";
import { KUBERNETES_VERSIONS } from "@/lib/domain/catalog";
import { EMAIL_DEFAULTS } from "@/lib/domain/notification-routing";
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from "@/lib/services/demo/demo-accounts";
import { assertBuilt, signIn, signInAsStaff, spawnConsole, waitHealthy, type ConsoleProcess } from "./testing/console-process";

// Issue 15.2, end to end: three built console instances (dist/server.mjs) start at the same
// moment on one empty PostgreSQL, with one remote control plane and one mail server, as a
// Deployment with `replicas: 3` would. All three come up; clusters are launched through every
// one of them; and each order, attestation, notification, e-mail and invoice exists once.
// Then the instance doing the control-plane sync is killed, and its work moves to another.
//
// It needs a build and a PostgreSQL server, so it is not part of the plain vitest run:
// scripts/test-all.sh runs it after the journeys' build —
//   HINOKI_FLEET_TEST=1 bash scripts/with-postgres.sh npx vitest run
// Ports: HINOKI_FLEET_TEST_PORT (default 3330) and the next two for the consoles, +10 for the
// control plane, +11 for the mail server.

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) throw new Error("the fleet test needs PostgreSQL: HINOKI_FLEET_TEST=1 bash scripts/with-postgres.sh npx vitest run");
assertBuilt();

const BASE_PORT = Number(process.env.HINOKI_FLEET_TEST_PORT ?? 3330);
const INSTANCES = 3;
const ORG = "minato-seimitsu";
const OWNER = DEMO_USERS.find((u) => u.org === ORG && u.role === "owner")!.email;
const ADMIN = DEMO_USERS.find((u) => u.staffRole === "platform_admin")!.email;
// Short, so the crash test's hand-over is quick; long enough that a renewal delayed by this
// machine's load (three servers, a control plane and PostgreSQL on two cores) still lands in time.
const LEASE_TTL_MS = 6_000;
/** Dev-only key (32 bytes): the console refuses PostgreSQL without a real KEK. */
const TEST_KEK = Buffer.alloc(32, 0x2a).toString("base64");

// The control plane's clock starts an hour before the end of last month (JST), so the clusters'
// usage falls in a month that can be closed now.
const MONTH = previousMonth(jstMonthOf(new Date()));
const MONTH_END = jstMonthRange(MONTH).end.getTime();
const SIM_START = MONTH_END - 60 * 60_000;

const running = (name: string) => `fleet-${name}`;
const doomed = (i: number) => `fleet-doomed-${i}`;

interface Mail {
  notificationId: string | null;
  to: string;
}

function startMailServer(port: number): Promise<{ server: SMTPServer; received: Mail[] }> {
  const received: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ notificationId: /^X-Hinoki-Notification:\s*(\S+)/im.exec(raw)?.[1] ?? null, to: session.envelope.rcptTo.map((r) => r.address).join(",") });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => resolve({ server, received }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value that is not undefined; fails after `timeoutMs`. */
async function eventually<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, between?: () => Promise<void>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await (between ? between() : sleep(250));
  }
}

describe("three console instances on one PostgreSQL", () => {
  let consoleDb: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let controlPlaneDb: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let sql: pg.Pool;
  let controlPlane: ServerProcess;
  let mail: Awaited<ReturnType<typeof startMailServer>>;
  let instances: ConsoleProcess[] = [];
  let dataDir: string;
  let token: string;
  let orgId: string;
  const launched = new Map<string, string>(); // cluster name → id

  const query = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => (await sql.query<T>(text, values)).rows;
  const alive = () => instances.filter((i) => !i.exited());
  const advance = async (ms: number) => {
    const response = await fetch(`${controlPlane.url}/_sim/advance`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ms }) });
    if (!response.ok) throw new Error(`advance: ${response.status}`);
  };
  const api = (instance: ConsoleProcess, pathname: string, init: RequestInit = {}) =>
    fetch(`${instance.url}/api/v1${pathname}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...init.headers } });
  const clusterStatus = async (instance: ConsoleProcess, id: string) => ((await (await api(instance, `/orgs/${ORG}/clusters/${id}`)).json()) as { status: string }).status;

  const launch = async (instance: ConsoleProcess, name: string) => {
    const response = await api(instance, `/orgs/${ORG}/clusters`, {
      method: "POST",
      headers: { "idempotency-key": `launch-${name}` },
      body: JSON.stringify({ name, zoneId: "jp-tokyo-1b", kubernetesVersion: KUBERNETES_VERSIONS[0], controlPlane: "single", nodePools: [{ name: "gpu", shapeId: "l40s-1x", count: 1 }] }),
    });
    expect(response.status, await response.clone().text()).toBe(202);
    launched.set(name, ((await response.json()) as { target: { id: string } }).target.id);
  };

  /** Moves the control plane's clock on until every named cluster has settled in the console. */
  const settle = async (names: string[], expected: (name: string) => string) => {
    await eventually(`clusters ${names.join(", ")} settled`, 90_000, async () => {
      const statuses = await Promise.all(names.map((name, i) => clusterStatus(alive()[i % alive().length], launched.get(name)!)));
      return statuses.every((s, i) => s === expected(names[i])) ? statuses : undefined;
    }, async () => {
      await advance(2 * 60_000);
      await sleep(500);
    });
  };

  beforeAll(async () => {
    [consoleDb, controlPlaneDb] = await Promise.all([createEmptyPostgresDatabase(serverUrl, "hinoki_fleet"), createEmptyPostgresDatabase(serverUrl, "hinoki_fleet_cp")]);
    sql = new pg.Pool({ connectionString: consoleDb.url, max: 2 });
    mail = await startMailServer(BASE_PORT + 11);
    controlPlane = await startServerProcess(
      {
        CONTROL_PLANE_DATABASE_URL: controlPlaneDb.url,
        HINOKI_SIM_CLOCK: "manual",
        HINOKI_SIM_START_TIME: new Date(SIM_START).toISOString(),
        HINOKI_SIM_FAIL: [0, 1, 2].map(doomed).join(","),
        HINOKI_SIM_METERING_INTERVAL_SECONDS: "300",
      },
      BASE_PORT + 10,
    );
    dataDir = mkdtempSync(path.join(tmpdir(), "hinoki-fleet-"));
    const env = (i: number): Record<string, string> => ({
      DATABASE_URL: consoleDb.url,
      CONTROL_PLANE_URL: controlPlane.url,
      HINOKI_DATA_DIR: path.join(dataDir, `instance-${i}`),
      AUTH_SECRET: "fleet-test-only-secret-0123456789abcdefghijkl",
      AUTH_TRUST_HOST: "true",
      HINOKI_ATTESTATION_KEK: TEST_KEK,
      HINOKI_SMTP_URL: `smtp://127.0.0.1:${BASE_PORT + 11}`,
      HINOKI_PUBLIC_URL: `http://127.0.0.1:${BASE_PORT}`,
      HINOKI_API_RATE_BURST: "100000",
      HINOKI_LEASE_TTL_MS: String(LEASE_TTL_MS),
      HINOKI_OPERATIONS_RUN_MS: "500",
      HINOKI_ENDPOINT_RECONCILE_MS: "500",
      HINOKI_ATTESTATION_INTERVAL_MS: "1000",
      HINOKI_BILLING_INGEST_INTERVAL_MS: "500",
      HINOKI_BILLING_CLOSE_INTERVAL_MS: "1000",
      HINOKI_MAIL_INTERVAL_MS: "500",
    });
    // The same moment: three processes, one empty database.
    instances = Array.from({ length: INSTANCES }, (_, i) => spawnConsole(BASE_PORT + i, env(i)));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    await controlPlane?.stop();
    await new Promise<void>((resolve) => (mail ? mail.server.close(() => resolve()) : resolve()));
    await sql?.end();
    await consoleDb?.drop();
    await controlPlaneDb?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("all three start on the empty database, and the migrations and the demo seed ran once", { timeout: 180_000 }, async () => {
    await Promise.all(instances.map((i) => waitHealthy(i, 150_000)));

    const migrations = await query<{ hash: string; n: number }>("select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash");
    const journal = (await import("@/lib/db/migrations/meta/_journal.json")).default as { entries: unknown[] };
    expect(migrations).toHaveLength(journal.entries.length);
    expect(migrations.every((m) => m.n === 1)).toBe(true);

    const orgs = await query<{ slug: string; n: number }>("select slug, count(*)::int as n from orgs group by slug order by slug");
    expect(orgs).toEqual(DEMO_ORGS.map((o) => ({ slug: o.slug, n: 1 })).sort((a, b) => a.slug.localeCompare(b.slug)));
    const [people] = await query<{ n: number }>("select count(*)::int as n from users");
    expect(people.n).toBe(DEMO_USERS.length);
    const demoOrders = await query<{ name: string; n: number }>(
      "select name, count(*)::int as n from (select name from clusters union all select name from endpoints) o group by name order by name",
    );
    expect(demoOrders).toEqual([
      { name: "ja-assistant", n: 1 },
      { name: "prod-training", n: 1 },
    ]);
    const [demoInvoices] = await query<{ n: number }>("select count(*)::int as n from invoices");
    expect(demoInvoices.n).toBe(1);
    orgId = (await query<{ id: string }>("select id from orgs where slug = $1", [ORG]))[0].id;
  });

  it("launches through every instance make one order each, and each runs or fails once", { timeout: 180_000 }, async () => {
    const cookie = await signIn(instances[0].url, OWNER, DEMO_PASSWORD);
    const created = await fetch(`${instances[0].url}/api/v1/orgs/${ORG}/api-tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie, origin: instances[0].url },
      body: JSON.stringify({ name: "fleet-test", role: "developer", expiresInDays: 1 }),
    });
    expect(created.status).toBe(201);
    token = ((await created.json()) as { secret: string }).secret;

    // Two orders through each instance at the same moment: one the fleet can run, one it fails.
    await Promise.all(instances.flatMap((instance, i) => [launch(instance, running(`${i}`)), launch(instance, doomed(i))]));
    const names = [...launched.keys()];
    await settle(names, (name) => (name.includes("doomed") ? "failed" : "running"));

    // One order per launch in the console, one create operation each; one cluster each on the
    // control plane, created by one operation.
    const orders = await query<{ name: string; clusters: number; creates: number }>(
      `select c.name, count(distinct c.id)::int as clusters, count(o.id)::int as creates
         from clusters c left join operations o on o.target_id = c.id and o.kind = 'cluster.create'
        where c.org_id = $1 group by c.name order by c.name`,
      [orgId],
    );
    expect(orders).toEqual(names.sort().map((name) => ({ name, clusters: 1, creates: 1 })));
    const remote = (await (await fetch(`${controlPlane.url}/v1/clusters?tenantId=${orgId}`)).json()) as Array<{ id: string; name: string }> | { items: Array<{ id: string; name: string }> };
    const remoteClusters = Array.isArray(remote) ? remote : remote.items;
    expect(remoteClusters.map((c) => c.id).sort()).toEqual(names.map((n) => launched.get(n)!).sort());
    for (const id of launched.values()) {
      const ops = (await (await fetch(`${controlPlane.url}/v1/operations?tenantId=${orgId}&targetId=${id}`)).json()) as Array<{ kind: string }> | { items: Array<{ kind: string }> };
      expect((Array.isArray(ops) ? ops : ops.items).filter((op) => op.kind === "cluster.create")).toHaveLength(1);
    }
  });

  it("attests each running cluster once", { timeout: 60_000 }, async () => {
    const runningIds = [...launched].filter(([name]) => !name.includes("doomed")).map(([, id]) => id);
    expect(runningIds).toHaveLength(INSTANCES);
    await eventually("an attestation for every running cluster", 30_000, async () => {
      const rows = await query<{ resource_id: string }>("select distinct resource_id from attestations where resource_id = any($1)", [runningIds]);
      return rows.length === runningIds.length ? rows : undefined;
    });
    await sleep(3_000); // three more renewal rounds on every instance
    const counts = await query<{ resource_id: string; n: number }>("select resource_id, count(*)::int as n from attestations where org_id = $1 group by resource_id", [orgId]);
    expect(counts.map((c) => c.n)).toEqual(runningIds.map(() => 1));
    const audits = await query<{ n: number }>("select count(*)::int as n from audit_events where org_id = $1 and action = 'attestation.issue'", [orgId]);
    expect(audits[0].n).toBe(runningIds.length);
  });

  it("closes the month once however many instances close it at the same moment", { timeout: 120_000 }, async () => {
    // Past the month's end on the control plane; the console ingests the metering up to it.
    await eventually("metering ingested past the end of the month", 60_000, async () => {
      const [row] = await query<{ until: string | null }>("select value->>'intervalEnd' as until from app_settings where key = 'billing.ingested_until'");
      return row?.until && Date.parse(row.until) >= MONTH_END ? row.until : undefined;
    }, async () => {
      await advance(15 * 60_000);
      await sleep(700);
    });
    const admin = await signInAsStaff(instances[0].url, ADMIN, DEMO_PASSWORD);
    const responses = await Promise.all(
      instances.map((instance) =>
        fetch(`${instance.url}/api/v1/staff/billing/close-month`, { method: "POST", headers: { "content-type": "application/json", cookie: admin, origin: instance.url }, body: JSON.stringify({ month: MONTH }) }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(instances.map(() => 200));
    const reports = (await Promise.all(responses.map((r) => r.json()))) as Array<{ results: Array<{ orgId: string; issued: boolean; error?: string }> }>;
    const ours = reports.map((r) => r.results.find((x) => x.orgId === orgId));
    expect(ours.every((r) => r && !r.error)).toBe(true);
    expect(ours.filter((r) => r!.issued)).toHaveLength(1);

    const invoices = await query<{ org_id: string; n: number; total: number }>(
      "select org_id, count(*)::int as n, max(total_jpy)::int as total from invoices where month = $1 group by org_id",
      [MONTH],
    );
    expect(invoices.map((i) => i.n)).toEqual(invoices.map(() => 1));
    expect(invoices.find((i) => i.org_id === orgId)?.total).toBeGreaterThan(0);
    expect(invoices).toHaveLength(DEMO_ORGS.length);
    const issuedAudits = await query<{ n: number }>("select count(*)::int as n from audit_events where action = 'invoice.issue' and data->>'month' = $1", [MONTH]);
    expect(issuedAudits[0].n).toBe(DEMO_ORGS.length);
  });

  it("tells each person of each event once, and sends each of those e-mails once", { timeout: 90_000 }, async () => {
    // What the org's owner must hear of: three failed orders, three non-affirming statements
    // (L40S has no confidential computing), the invoice.
    const ownerNotes = await query<{ category: string; dedupe_key: string; n: number }>(
      `select n.category, n.dedupe_key, count(*)::int as n from notifications n join users u on u.id = n.user_id
        where u.email = $1 group by n.category, n.dedupe_key order by n.category, n.dedupe_key`,
      [OWNER],
    );
    const byCategory = (category: string) => ownerNotes.filter((n) => n.category === category);
    expect(byCategory("operation")).toHaveLength(3);
    expect(byCategory("attestation")).toHaveLength(3);
    expect(byCategory("invoice")).toHaveLength(1);
    expect(ownerNotes.every((n) => n.n === 1)).toBe(true);

    const emailed = Object.entries(EMAIL_DEFAULTS).filter(([, on]) => on).map(([category]) => category);
    const expected = await eventually("every notification e-mailed", 60_000, async () => {
      const all = await query<{ id: string; status: string | null }>(
        "select n.id, d.status from notifications n left join notification_email_deliveries d on d.notification_id = n.id where n.category = any($1)",
        [emailed],
      );
      return all.every((n) => n.status === "sent") ? all.map((n) => n.id) : undefined;
    });
    await sleep(2_000); // four more delivery rounds on every instance: nothing may go out again
    const sent = new Map<string, number>();
    for (const m of mail.received) sent.set(m.notificationId ?? "(none)", (sent.get(m.notificationId ?? "(none)") ?? 0) + 1);
    expect([...sent.keys()].sort()).toEqual([...expected].sort());
    expect([...sent.values()].every((n) => n === 1)).toBe(true);
  });

  it("moves the control-plane sync to another instance when the one doing it dies", { timeout: 120_000 }, async () => {
    const pidOf = (holder: string) => Number(holder.split(":").at(-2));
    const [lease] = await query<{ holder: string }>("select holder from leases where name = 'operations.run'");
    const victim = instances.find((i) => i.pid === pidOf(lease.holder))!;
    expect(victim).toBeDefined();
    await victim.kill();

    await launch(alive()[0], running("after-crash"));
    const id = launched.get(running("after-crash"))!;
    // Read the order's state from the database, not through the API: a read of one cluster syncs
    // it itself, and this must be the background loop's work on another instance.
    await eventually("the order placed after the crash runs", 60_000, async () => {
      const [row] = await query<{ status: string }>("select status from clusters where id = $1", [id]);
      return row.status === "running" ? row : undefined;
    }, async () => {
      await advance(2 * 60_000);
      await sleep(500);
    });
    const [after] = await query<{ holder: string }>("select holder from leases where name = 'operations.run'");
    expect(alive().map((i) => i.pid)).toContain(pidOf(after.holder));
    // Nothing was done twice across the hand-over either.
    const [orders] = await query<{ n: number }>("select count(*)::int as n from clusters where org_id = $1 and name = $2", [orgId, running("after-crash")]);
    expect(orders.n).toBe(1);
    const remote = (await (await fetch(`${controlPlane.url}/v1/operations?tenantId=${orgId}&targetId=${id}`)).json()) as Array<{ kind: string }> | { items: Array<{ kind: string }> };
    expect((Array.isArray(remote) ? remote : remote.items).filter((op) => op.kind === "cluster.create")).toHaveLength(1);
    // No round lost its lease to another instance midway (a renewal later than the lease's life).
    expect(instances.flatMap((i) => i.output().split("\n").filter((line) => /lease lost|lease renewal failed/.test(line)).map((line) => `${i.url} ${line}`))).toEqual([]);
  });
});
