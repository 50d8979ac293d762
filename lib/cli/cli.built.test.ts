import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, signIn, spawnConsole, waitHealthy, type ConsoleProcess } from "@/lib/server/testing/console-process";
import { createHinokiClient, ok } from "@/lib/sdk/client";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/services/demo/demo-accounts";
import { cliBin, runCli } from "./testing/run-cli";

// The `hinoki` CLI and its MCP server against the built console (dist/server.mjs), as a
// customer's terminal, CI job or AI assistant would use them: an API token from the console,
// `hinoki login`, a cluster created and followed to running, a kubeconfig that kubectl reads,
// a scale, an attestation verified offline (and a tampered one refused), costs as JSON, the
// deletion; then the MCP server driven by the MCP SDK's own client.
//
// Needs `npm run build`: HINOKI_BUILT_TEST=1 npx vitest run (scripts/test-all.sh runs it after
// the journeys' build). Port: HINOKI_CLI_TEST_PORT (default 3340).

assertBuilt();
const PORT = Number(process.env.HINOKI_CLI_TEST_PORT ?? 3340);
const ORG = "minato-seimitsu";
const OWNER = DEMO_USERS.find((u) => u.org === ORG && u.role === "owner")!.email;
const CLUSTER = "cli-train";

let instance: ConsoleProcess;
let work: string;
let env: Record<string, string>;
let adminToken = "";
let viewerToken = "";

async function createToken(cookie: string, role: string, name: string): Promise<string> {
  const response = await fetch(`${instance.url}/api/v1/orgs/${ORG}/api-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie, origin: instance.url },
    body: JSON.stringify({ name, role, expiresInDays: 1 }),
  });
  if (response.status !== 201) throw new Error(`token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { secret: string }).secret;
}

const cli = (...args: string[]) => runCli(args, env);
const json = <T>(text: string): T => JSON.parse(text) as T;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), "hinoki-cli-"));
  mkdirSync(path.join(work, "home"));
  env = { HOME: path.join(work, "home"), KUBECONFIG: path.join(work, "kube", "config") };
  instance = spawnConsole(PORT, {
    HINOKI_DATA_DIR: path.join(work, "data"),
    AUTH_SECRET: "cli-test-only-secret-0123456789abcdef0123456789",
    AUTH_TRUST_HOST: "true",
    HINOKI_SIM_SPEED: "instant",
    HINOKI_API_RATE_BURST: "2000",
    HINOKI_SMTP_URL: "",
  });
  await waitHealthy(instance, 180_000);
  const cookie = await signIn(instance.url, OWNER, DEMO_PASSWORD);
  adminToken = await createToken(cookie, "admin", "cli-admin");
  viewerToken = await createToken(cookie, "viewer", "cli-viewer");
}, 240_000);

afterAll(async () => {
  await instance?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

// Each CLI run is a fresh Node process (about a second, more on a busy machine).
describe("the hinoki CLI against the console", { timeout: 200_000 }, () => {
  it("logs in with an API token into a profile file only its owner can read, with several profiles", async () => {
    const login = await runCli(["login", "--url", instance.url, "--token-stdin"], env, `${adminToken}\n`);
    expect(login.stderr).toBe("");
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(ORG);
    const file = path.join(env.HOME, ".config", "hinoki", "profiles.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8")).toContain(adminToken);

    const viewer = await cli("--profile", "readonly", "login", "--url", instance.url, "--token", viewerToken);
    expect(viewer.code).toBe(0);
    const profiles = json<Array<{ name: string; current: boolean }>>((await cli("--json", "profiles")).stdout);
    expect(profiles.map((p) => p.name).sort()).toEqual(["default", "readonly"]);
    // The last login became current; go back to the admin profile.
    expect((await cli("profiles", "use", "default")).code).toBe(0);
    const me = json<{ via: string; memberships: Array<{ orgSlug: string }> }>((await cli("--json", "whoami")).stdout);
    expect(me.via).toBe("api_token");
    expect(me.memberships.map((m) => m.orgSlug)).toEqual([ORG]);
    // No token is ever printed back.
    expect((await cli("profiles")).stdout).not.toContain(adminToken);
  });

  it("refuses without a login (exit 3), a bad token (exit 3), and a viewer's mutation (exit 4)", async () => {
    expect((await runCli(["clusters", "list"], { HOME: path.join(work, "nobody") })).code).toBe(3);
    const bad = await runCli(["login", "--url", instance.url, "--token", "hk_not_a_real_token"], { HOME: path.join(work, "bad-home") });
    expect(bad.code).toBe(3);
    // A valid order, so what refuses it is the role (a bad body would be a 400 first).
    const viewer = await cli("--profile", "readonly", "clusters", "create", "nope", "--zone", "jp-tokyo-1a", "--shape", "h100-1x");
    expect(viewer.code).toBe(4);
    expect(viewer.stderr).toMatch(/request id req_|request id \S+/);
  });

  it("lists shapes and capacity, in Japanese tables and as JSON", async () => {
    const shapes = await cli("--lang", "ja", "shapes");
    expect(shapes.code).toBe(0);
    expect(shapes.stdout).toMatch(/^シェイプ\s+GPU/m);
    expect(shapes.stdout).toContain("h100-8x");
    expect(shapes.stdout).toMatch(/¥[\d,]+/);
    const capacity = json<{ items: Array<{ shapeId: string }> }>((await cli("--json", "capacity", "--shape", "h100-1x")).stdout);
    expect(capacity.items.length).toBeGreaterThan(0);
    expect(capacity.items.every((c) => c.shapeId === "h100-1x")).toBe(true);
  });

  it("creates a cluster and waits for it, with a progress line", async () => {
    const capacity = json<{ items: Array<{ zoneId: string; shapeId: string; level: string }> }>((await cli("--json", "capacity", "--shape", "h100-1x")).stdout);
    const zone = capacity.items.find((c) => c.level !== "sold_out")!.zoneId;
    const create = await cli("--json", "clusters", "create", CLUSTER, "--zone", zone, "--shape", "h100-1x", "--count", "1", "--wait", "--timeout", "150");
    expect(create.stderr).toMatch(/Operation op_\S+: (accepted|running|done) \d+%/);
    expect(create.code).toBe(0);
    expect(json<{ status: string }>(create.stdout).status).toBe("succeeded");
    const cluster = json<{ name: string; status: string; nodePools: Array<{ count: number }> }>((await cli("--json", "clusters", "get", CLUSTER)).stdout);
    expect(cluster).toMatchObject({ name: CLUSTER, status: "running" });
    const table = await cli("clusters", "list");
    expect(table.stdout).toMatch(new RegExp(`^${CLUSTER}\\s+cl_\\S+\\s+running`, "m"));
  }, 200_000);

  it("merges a kubeconfig into $KUBECONFIG that kubectl reads, keeping what was there", async () => {
    mkdirSync(path.dirname(env.KUBECONFIG), { recursive: true });
    writeFileSync(
      env.KUBECONFIG,
      "apiVersion: v1\nkind: Config\nclusters:\n- name: other\n  cluster:\n    server: https://other.example:6443\nusers:\n- name: other\n  user:\n    token: t\ncontexts:\n- name: other\n  context:\n    cluster: other\n    user: other\ncurrent-context: other\n",
    );
    const result = await cli("kubeconfig", CLUSTER);
    expect(result.code).toBe(0);
    expect(statSync(env.KUBECONFIG).mode & 0o777).toBe(0o600);
    const view = JSON.parse(execFileSync("kubectl", ["config", "view", "-o", "json"], { env: { ...process.env, KUBECONFIG: env.KUBECONFIG } }).toString()) as {
      clusters: Array<{ name: string; cluster: { server: string } }>;
      contexts: Array<{ name: string }>;
      "current-context": string;
    };
    expect(view.clusters.map((c) => c.name)).toContain("other");
    expect(view.contexts.length).toBe(2);
    expect(view["current-context"]).not.toBe("other");
    expect(view["current-context"]).toContain(CLUSTER);
    const own = path.join(work, "own.kubeconfig");
    expect((await cli("kubeconfig", CLUSTER, "--output", own)).code).toBe(0);
    const single = JSON.parse(execFileSync("kubectl", ["config", "view", "--kubeconfig", own, "-o", "json"]).toString()) as { clusters: unknown[] };
    expect(single.clusters).toHaveLength(1);
  });

  it("scales the cluster's node pool and waits", async () => {
    const scale = await cli("clusters", "scale", CLUSTER, "--count", "2", "--wait", "--timeout", "150");
    expect(scale.stderr).toContain("Operation op_");
    expect(scale.code).toBe(0);
    const cluster = json<{ nodePools: Array<{ count: number }> }>((await cli("--json", "clusters", "get", CLUSTER)).stdout);
    expect(cluster.nodePools[0].count).toBe(2);
  }, 200_000);

  it("verifies an attestation offline against the JWKS, and refuses a tampered one (exit 9)", async () => {
    const api = createHinokiClient({ baseUrl: instance.url, token: adminToken });
    const cluster = json<{ id: string }>((await cli("--json", "clusters", "get", CLUSTER)).stdout);
    const attestation = await ok(api.POST("/api/v1/orgs/{org}/attestations", { params: { path: { org: ORG } }, body: { resourceId: cluster.id, nonce: "cli-test-nonce-1" } }));
    const verified = await cli("--json", "attestations", "verify", attestation.id, "--nonce", "cli-test-nonce-1");
    expect(verified.code).toBe(0);
    expect(json<{ valid: boolean; reason: string }>(verified.stdout)).toMatchObject({ valid: true, reason: "ok" });
    expect((await cli("attestations", "verify", attestation.id)).stdout).toContain("✓");
    expect((await cli("attestations", "verify", attestation.id, "--nonce", "another-nonce")).code).toBe(9);

    // Offline: the statement and the keys as files, then one character of the claims changed.
    const jwksFile = path.join(work, "jwks.json");
    writeFileSync(jwksFile, JSON.stringify(await ok(api.GET("/.well-known/jwks.json"))));
    const [header, payload, signature] = attestation.jws.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { residency: { country: string } };
    claims.residency.country = "US";
    const tamperedFile = path.join(work, "tampered.jws");
    writeFileSync(tamperedFile, [header, Buffer.from(JSON.stringify(claims)).toString("base64url"), signature].join("."));
    const tampered = await cli("--json", "attestations", "verify", "--file", tamperedFile, "--jwks", jwksFile);
    expect(tampered.code).toBe(9);
    expect(json<{ valid: boolean; reason: string }>(tampered.stdout)).toMatchObject({ valid: false, reason: "bad_signature" });
    const genuineFile = path.join(work, "genuine.jws");
    writeFileSync(genuineFile, attestation.jws);
    expect((await cli("attestations", "verify", "--file", genuineFile, "--jwks", jwksFile)).code).toBe(0);
  });

  it("lists costs as JSON", async () => {
    const costs = await cli("--json", "costs");
    expect(costs.code).toBe(0);
    const body = json<{ month: string; monthToDateJpy: number; byService: unknown[] }>(costs.stdout);
    expect(body.month).toMatch(/^\d{4}-\d{2}$/);
    expect(Number.isInteger(body.monthToDateJpy)).toBe(true);
    expect(Array.isArray(body.byService)).toBe(true);
  });

  it("serves read-only MCP tools by default, and audited mutations only with --allow-write", async () => {
    const connect = async (args: string[]) => {
      const client = new Client({ name: "hinoki-test", version: "1.0.0" });
      await client.connect(new StdioClientTransport({ command: process.execPath, args: [cliBin, "mcp", ...args], env: { PATH: process.env.PATH ?? "", ...env }, stderr: "pipe" }));
      return client;
    };
    const readOnly = await connect([]);
    try {
      const names = (await readOnly.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["list_clusters", "list_endpoints", "get_capacity", "get_costs", "verify_attestation"]));
      expect(names).not.toContain("scale_node_pool");
      expect(names).not.toContain("delete_cluster");
      const listed = await readOnly.callTool({ name: "list_clusters", arguments: {} });
      const page = JSON.parse((listed.content as Array<{ text: string }>)[0].text) as { items: Array<{ name: string }> };
      expect(page.items.map((c) => c.name)).toContain(CLUSTER);
      const refused = await readOnly.callTool({ name: "delete_cluster", arguments: { clusterId: "cl_x" } });
      expect(refused.isError).toBe(true);
    } finally {
      await readOnly.close();
    }

    const cluster = json<{ id: string; nodePools: Array<{ id: string }> }>((await cli("--json", "clusters", "get", CLUSTER)).stdout);
    const writer = await connect(["--allow-write"]);
    try {
      const scaled = await writer.callTool({ name: "scale_node_pool", arguments: { clusterId: cluster.id, poolId: cluster.nodePools[0].id, count: 1 } });
      expect(scaled.isError ?? false).toBe(false);
      expect(JSON.parse((scaled.content as Array<{ text: string }>)[0].text)).toMatchObject({ id: expect.stringMatching(/^op_/) });
    } finally {
      await writer.close();
    }
    // The MCP server's mutation is in the org's audit log as a call of the token.
    const api = createHinokiClient({ baseUrl: instance.url, token: adminToken });
    const events = await ok(api.GET("/api/v1/orgs/{org}/audit-events", { params: { path: { org: ORG } } }));
    const scaleEvent = events.items.find((e) => e.target.id === cluster.nodePools[0].id || (e.target.id === cluster.id && /scale|node_pool/.test(e.action)));
    expect(scaleEvent).toMatchObject({ actor: { type: "api_token", name: expect.stringMatching(/^cli-admin\b/) } });
    // Let the scale finish before the deletion.
    expect((await cli("clusters", "wait", CLUSTER, "--timeout", "150")).code).toBe(0);
  }, 200_000);

  it("deletes only with --yes (exit 2 without), waits, and then the cluster is gone (exit 5 by name)", async () => {
    expect((await cli("clusters", "delete", CLUSTER)).code).toBe(2);
    const deleted = await cli("clusters", "delete", CLUSTER, "--yes", "--wait", "--timeout", "150");
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`Deleted "${CLUSTER}"`);
    const gone = await cli("clusters", "get", CLUSTER);
    expect(gone.code).toBe(5);
  }, 200_000);
});
