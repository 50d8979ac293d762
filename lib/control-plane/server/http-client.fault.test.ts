import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClusterSpecInput } from "@/lib/domain/control-plane";
import { HttpControlPlane } from "../http-client";
import { reopenableDatabase, type ReopenableDatabase } from "../testing/databases";
import { startServerProcess, type ServerProcess } from "../testing/server-process";
import { expectAppError, TEST_START, uniqueId } from "../testing/sim-harness";

// The HTTP path when things go wrong: a lost response, a control plane that crashes, one that
// comes back. The client must say "unavailable" quickly, retry what is safe to retry, and never
// do anything twice.

const TENANT = "org_faults";
const TOKEN = "fault-secret";

function spec(): ClusterSpecInput {
  return {
    tenantId: TENANT,
    clusterId: uniqueId("cl"),
    name: "fault",
    zoneId: "jp-tokyo-1a",
    kubernetesVersion: "1.36",
    controlPlane: "single",
    nodePools: [{ poolId: "np", name: "gpu", shapeId: "h100-8x", count: 1 }],
  };
}

describe("HTTP client against a failing control plane", () => {
  let database: ReopenableDatabase;
  let server: ServerProcess;
  const env = () => ({ ...database.serverEnv, HINOKI_SIM_CLOCK: "manual", HINOKI_SIM_START_TIME: new Date(TEST_START).toISOString(), CONTROL_PLANE_TOKEN: TOKEN });
  const client = (options: Partial<ConstructorParameters<typeof HttpControlPlane>[0]> = {}) => new HttpControlPlane({ baseUrl: server.url, token: TOKEN, ...options });

  beforeAll(async () => {
    database = await reopenableDatabase();
    server = await startServerProcess(env());
  });
  afterAll(async () => {
    await server?.kill();
    await database?.destroy();
  });

  const held = async (cp: HttpControlPlane) => (await cp.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" }))[0].allocated;

  it("repeats a mutation whose response was lost, and the server does it once", async () => {
    const cp = client({ backoffMs: 20 });
    const before = await held(cp);
    await fetch(`${server.url}/_sim/faults`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ dropResponses: 1 }) });
    const launch = spec();
    const op = await cp.createCluster(launch, "k-lost-response");
    expect(op.target.id).toBe(launch.clusterId);
    // The first response really was dropped: the client got its answer from the retry.
    expect(await (await fetch(`${server.url}/_sim/faults`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()).toEqual({ dropResponses: 0 });
    expect((await cp.listClusters(TENANT)).filter((c) => c.id === launch.clusterId)).toHaveLength(1);
    expect(await cp.listOperations(TENANT, launch.clusterId)).toHaveLength(1);
    expect(await held(cp)).toBe(before + 1);
  });

  it("says control_plane_unavailable quickly when the server is down, and recovers when it is back", async () => {
    const cp = client({ retries: 2, backoffMs: 50, timeoutMs: 2_000 });
    const port = server.port;
    const before = await held(cp);
    const clustersBefore = (await cp.listClusters(TENANT)).length;
    await server.kill();

    const started = Date.now();
    const error = await expectAppError(cp.getCapacity(), "control_plane_unavailable");
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error.message).toContain(server.url);
    const launch = spec();
    await expectAppError(cp.createCluster(launch, "k-during-outage"), "control_plane_unavailable");
    await expectAppError(cp.infer("ep_any", { messages: [{ role: "user", content: "hi" }] }), "control_plane_unavailable");

    // A patient client retries through the restart; the same key then finds the same operation.
    const patient = client({ retries: 60, backoffMs: 100, maxBackoffMs: 300, timeoutMs: 5_000 });
    const pending = patient.createCluster(launch, "k-during-outage");
    server = await startServerProcess(env(), port);
    const op = await pending;
    expect((await cp.createCluster(launch, "k-during-outage")).id).toBe(op.id);

    const clusters = await cp.listClusters(TENANT);
    expect(clusters).toHaveLength(clustersBefore + 1);
    expect(clusters.filter((c) => c.id === launch.clusterId)).toHaveLength(1);
    expect(await held(cp)).toBe(before + 1);
  });

  it("refuses a request without the server's token, but serves its OpenAPI document to anyone", async () => {
    await expectAppError(client({ token: undefined }).listClusters(TENANT), "unauthenticated");
    await expectAppError(client({ token: "wrong!" }).listClusters(TENANT), "unauthenticated");
    expect(await client().listClusters(TENANT)).not.toHaveLength(0);
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/v1/clusters/{clusterId}");
  });
});
