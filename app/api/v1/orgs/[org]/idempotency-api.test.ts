import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { apiTokens, clusters, idempotencyRecords, operations, quotaLimits } from "@/lib/db/schema";
import { setControlPlane, type ControlPlane } from "@/lib/control-plane";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { claimIdempotencyKey, requestFingerprint } from "@/lib/api/idempotency";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { createEndpoint } from "@/lib/services/endpoints/create-endpoint";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import { POST as createTokenRoute } from "./api-tokens/route";
import { GET as listClustersRoute, POST as launchClusterRoute } from "./clusters/route";
import { POST as createKeyRoute } from "./endpoints/[id]/keys/route";
import { POST as inviteRoute } from "./invitations/route";
import { processControlPlane } from "@/lib/services/process-control-plane";

// Idempotency-Key through the API as automation uses it (bearer tokens): a secret is shown once
// and never stored or replayed; a launch whose process died — before or after its order committed
// — is answered on the client's retry with the one order there is.

vi.mock("@/lib/auth/next-auth", () => ({ auth: async () => null }));

type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: Route, path: string, options: { token: string; method?: string; body?: unknown; params?: Record<string, string>; key?: string }) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, "accept-language": "en" };
  if (options.key) headers["idempotency-key"] = options.key;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await route(new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const launch = (name: string) => ({ name, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", controlPlane: "single", nodePools: [{ name: "system", shapeId: "cpu-16", count: 1 }] });

describe("Idempotency-Key through the API", () => {
  let handle: DbHandle;
  let sim: SimulatedControlPlane;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let owner: string;
  let ownerTokenId: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
    setControlPlane(sim);
    acme = await orgWithRoles(handle.db, "acme-idem");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "L40S", gpus: 8 });
    const created = await createApiToken(acme.as.owner, acme.slug, { name: "automation", role: "owner", expiresInDays: 30 });
    owner = created.secret;
    ownerTokenId = created.id;
  });
  afterAll(async () => {
    await sim?.close();
    setControlPlane(undefined);
    await handle?.close();
  });

  /** Everything the idempotency store holds, as text: where a leaked secret would show. */
  const storeText = async () => JSON.stringify(await handle.db.select().from(idempotencyRecords));

  it("shows an API token's secret once: the replay has the token without it, and the store never held it", async () => {
    const path = `/api/v1/orgs/${acme.slug}/api-tokens`;
    const body = { name: "ci-deploy", role: "developer", expiresInDays: 7 };
    const first = await call(createTokenRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "tok-1" });
    expect(first.status).toBe(201);
    expect(first.body.secret).toMatch(/^hk_/);
    expect(first.headers.get("idempotency-secret-withheld")).toBeNull();

    const replay = await call(createTokenRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "tok-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.headers.get("idempotency-secret-withheld")).toBe("secret");
    expect(replay.body).toEqual({ ...first.body, secret: null });
    expect(await storeText()).not.toContain(first.body.secret);
    expect(await handle.db.select().from(apiTokens).where(and(eq(apiTokens.orgId, acme.orgId), eq(apiTokens.name, "ci-deploy")))).toHaveLength(1);
  });

  it("shows an endpoint key's secret once", async () => {
    const endpoint = await createEndpoint(await processControlPlane(), acme.as.developer, acme.slug, { name: "chat-idem", modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 });
    const path = `/api/v1/orgs/${acme.slug}/endpoints/${endpoint.id}/keys`;
    const params = { org: acme.slug, id: endpoint.id };
    const first = await call(createKeyRoute as Route, path, { token: owner, method: "POST", body: { name: "app" }, params, key: "key-1" });
    expect(first.status).toBe(201);
    expect(typeof first.body.secret).toBe("string");
    const replay = await call(createKeyRoute as Route, path, { token: owner, method: "POST", body: { name: "app" }, params, key: "key-1" });
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotency-secret-withheld")).toBe("secret");
    expect(replay.body).toEqual({ ...first.body, secret: null });
    expect(await storeText()).not.toContain(first.body.secret);
  });

  it("never stores or replays an invitation's accept link", async () => {
    const path = `/api/v1/orgs/${acme.slug}/invitations`;
    const body = { email: "new.hire@acme-idem.example", role: "developer" };
    const first = await call(inviteRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "inv-1" });
    expect(first.status).toBe(201);
    const replay = await call(inviteRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "inv-1" });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    const stored = await storeText();
    // Whatever secret the first answer carried (the accept link's token), the store has none of it.
    for (const [field, value] of Object.entries(first.body as Record<string, unknown>)) {
      if (typeof value === "string" && /hkinv_/.test(value)) {
        expect(replay.body[field]).toBeNull();
        expect(stored).not.toContain(value.replace(/^.*(hkinv_)/, "$1"));
      }
    }
    expect(stored).not.toContain("hkinv_");
  });

  it("answers a retry with the original operation when the process died after the order committed", async () => {
    const path = `/api/v1/orgs/${acme.slug}/clusters`;
    // The control plane never answers the submission: the first request is stuck after its order
    // committed, as a process is that dies there — its client never hears back.
    const stuck = new Proxy(sim as unknown as ControlPlane, {
      get(target, prop, receiver) {
        if (prop === "createCluster") return () => new Promise(() => undefined);
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    setControlPlane(stuck);
    try {
      void call(launchClusterRoute as Route, path, { token: owner, method: "POST", body: launch("after-commit"), params: { org: acme.slug }, key: "launch-1" });
      await vi.waitFor(async () => expect(await handle.db.select().from(clusters).where(eq(clusters.name, "after-commit"))).toHaveLength(1), { timeout: 10_000 });
    } finally {
      setControlPlane(sim);
    }
    const retry = await call(launchClusterRoute as Route, path, { token: owner, method: "POST", body: launch("after-commit"), params: { org: acme.slug }, key: "launch-1" });
    expect(retry.status).toBe(202);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    const [op] = await handle.db.select().from(operations).where(and(eq(operations.orgId, acme.orgId), eq(operations.idempotencyKey, "launch-1")));
    expect(retry.body).toMatchObject({ id: op.id, kind: "cluster.create", target: { kind: "cluster", name: "after-commit" } });
    expect(retry.headers.get("location")).toBe(`/api/v1/orgs/${acme.slug}/operations/${op.id}`);
    expect(await handle.db.select().from(clusters).where(eq(clusters.name, "after-commit"))).toHaveLength(1);
  });

  it("does the work once on a retry when the process died before the order committed", async () => {
    const path = `/api/v1/orgs/${acme.slug}/clusters`;
    const body = launch("before-commit");
    // A process claimed the key and died before its transaction committed: only its claim is left.
    const dead = await claimIdempotencyKey(handle.db, { scope: `${ownerTokenId}:${path}`, key: "launch-2", fingerprint: requestFingerprint("POST", path, JSON.stringify(body)), holder: "dead-process" });
    expect(dead.kind).toBe("claimed");

    const whileAlive = await call(launchClusterRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "launch-2" });
    expect(whileAlive.status).toBe(409);
    expect(Number(whileAlive.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    await handle.db.update(idempotencyRecords).set({ leaseUntil: sql`now() - interval '1 second'` }).where(eq(idempotencyRecords.key, "launch-2"));
    const retries = await Promise.all([1, 2, 3].map(() => call(launchClusterRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "launch-2" })));
    // Exactly one retry does the work. The others were either refused while it held the key
    // (409), or came after it had answered and were given its answer again (a replay).
    const answered = retries.filter((r) => r.status === 202 && r.headers.get("idempotent-replayed") !== "true");
    expect(answered).toHaveLength(1);
    for (const other of retries.filter((r) => r !== answered[0])) {
      if (other.status === 202) expect([other.headers.get("idempotent-replayed"), other.body.id]).toEqual(["true", answered[0].body.id]);
      else expect(other.status).toBe(409);
    }
    const again = await call(launchClusterRoute as Route, path, { token: owner, method: "POST", body, params: { org: acme.slug }, key: "launch-2" });
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(answered[0].body.id);

    const listed = await call(listClustersRoute as Route, `${path}?limit=100`, { token: owner, params: { org: acme.slug } });
    expect(listed.body.items.filter((c: { name: string }) => c.name === "before-commit")).toHaveLength(1);
    expect(await handle.db.select().from(operations).where(like(operations.targetName, "before-commit"))).toHaveLength(1);
  });

  it("refuses the same key with another body (422)", async () => {
    const path = `/api/v1/orgs/${acme.slug}/clusters`;
    const other = await call(launchClusterRoute as Route, path, { token: owner, method: "POST", body: launch("another-name"), params: { org: acme.slug }, key: "launch-2" });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
  });
});
