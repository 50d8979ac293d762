import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { operations, quotaLimits } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { HttpControlPlane } from "@/lib/control-plane/http-client";
import { reopenableDatabase, type ReopenableDatabase } from "@/lib/control-plane/testing/databases";
import { startServerProcess, type ServerProcess } from "@/lib/control-plane/testing/server-process";
import { TEST_START } from "@/lib/control-plane/testing/sim-harness";
import type { CreateClusterDraft } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { forgetCapacity, getCapacity } from "../catalog/get-capacity";
import { runOperations as syncOperations } from "../operations/run-operations";
import { getCluster } from "../clusters/get-cluster";
import { launchCluster } from "../clusters/launch-cluster";
import { getOperation } from "../operations/list-operations";
import { reservedGpus } from "../clusters/testing";
import { getHealth } from "../health/get-health";
import { orgWithRoles } from "../testing/fixtures";
import "./register";
import { processControlPlane } from "@/lib/services/process-control-plane";

// The fault test of issue 3, end to end: the console's own services talk to a real standalone
// control plane (`npm run control-plane` on a free port, its own data directory) through the
// HTTP client. The control plane is killed while orders are in flight and while a new one is
// placed; the console keeps every order, reports the outage (health down, capacity 503), and
// after the control plane returns every order completes or fails cleanly — once each.

const FAILING_NAME = "doomed";

const cluster = (name: string, count: number): CreateClusterDraft => ({
  name,
  zoneId: "jp-tokyo-1a",
  kubernetesVersion: "1.36",
  controlPlane: "single",
  nodePools: [{ name: "gpu", shapeId: "h100-8x", count }],
});

describe("control plane outage with orders in flight", () => {
  let handle: DbHandle;
  let cpDatabase: ReopenableDatabase;
  let server: ServerProcess;
  let cp: HttpControlPlane;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;

  const serverEnv = () => ({
    ...cpDatabase.serverEnv,
    HINOKI_SIM_CLOCK: "manual",
    HINOKI_SIM_START_TIME: new Date(TEST_START).toISOString(),
    HINOKI_SIM_FAIL: FAILING_NAME,
  });
  const advance = async (ms: number) => {
    const response = await fetch(`${server.url}/_sim/advance`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ms }) });
    if (!response.ok) throw new Error(`advance failed: ${response.status}`);
  };
  /** What the background loop does every few seconds; `now` in the future skips retry backoff. */
  // Each round of the background loop happens a minute after the last (longer than any retry
  // backoff), whatever the speed of the machine running the test.
  let loopClock = Date.now() + 10 * 60_000;
  const sync = () => syncOperations(handle.db, cp, { now: new Date((loopClock += 60_000)) });
  const allocatedH100 = async () => (await cp.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" }))[0].allocated;
  const controlPlaneHealth = async () => (await getHealth()).components.controlPlane;
  const op = (o: ConsoleOperation) => getOperation(acme.as.viewer, "acme", o.id);

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 64 });
    cpDatabase = await reopenableDatabase();
    server = await startServerProcess(serverEnv());
    cp = new HttpControlPlane({ baseUrl: server.url, retries: 1, backoffMs: 20, timeoutMs: 2_000 });
    setControlPlane(cp);
  }, 240_000); // a guard: the control plane's fresh database migrates at start (see startServerProcess)
  afterAll(async () => {
    setControlPlane(undefined);
    await server?.kill();
    await cpDatabase?.destroy();
    await handle?.close();
  });

  it("keeps the orders, reports the outage, and finishes each order once after the control plane returns", { timeout: 180_000 }, async () => {
    expect(await controlPlaneHealth()).toMatchObject({ status: "ok", detail: expect.stringContaining("remote") });
    const heldBefore = await allocatedH100();

    // Two orders in flight: one that will succeed, one the control plane will fail.
    const survivor = await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("survivor", 2), { idempotencyKey: "k-survivor" });
    const doomed = await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster(FAILING_NAME, 1), { idempotencyKey: "k-doomed" });
    expect([survivor.status, doomed.status]).toEqual(["running", "running"]);
    await advance(3_000);
    await sync();
    expect((await op(survivor)).status).toBe("running");
    expect(await allocatedH100()).toBe(heldBefore + 3);

    // The control plane crashes mid-provisioning.
    await server.kill();

    // The outage is reported: /api/health says the control plane is down, capacity is a 503.
    const down = await getHealth();
    expect(down.status).toBe("degraded");
    expect(down.components.controlPlane).toMatchObject({ status: "down", detail: expect.stringContaining("control_plane_unavailable") });
    forgetCapacity();
    await expect(getCapacity(await processControlPlane(), acme.as.developer)).rejects.toMatchObject({ code: "control_plane_unavailable", status: 503 });

    // The console keeps its orders: syncing during the outage changes nothing, loses nothing.
    await sync();
    expect((await op(survivor)).status).toBe("running");
    expect((await getCluster(await processControlPlane(), acme.as.viewer, "acme", survivor.target.id)).status).toBe("provisioning");
    expect(await reservedGpus(handle.db, survivor.target.id)).toEqual({ H100: 16 });

    // A new order placed during the outage is recorded and waits for the control plane.
    const queued = await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("queued", 1), { idempotencyKey: "k-queued" });
    expect(queued).toMatchObject({ status: "pending", currentStep: "waiting_for_control_plane" });
    expect((await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("queued", 1), { idempotencyKey: "k-queued" })).id).toBe(queued.id);
    await sync();
    expect((await op(queued)).status).toBe("pending");
    expect((await op(queued)).attempts).toBeGreaterThanOrEqual(2);

    // The control plane returns on the same address with the same data; the loop catches up.
    server = await startServerProcess(serverEnv(), server.port);
    await expect.poll(async () => (await controlPlaneHealth()).status, { timeout: 10_000 }).toBe("ok");
    for (let round = 0; round < 20; round++) {
      await sync();
      const states = await Promise.all([survivor, doomed, queued].map(async (o) => (await op(o)).status));
      if (states.every((s) => s === "succeeded" || s === "failed")) break;
      await advance(15_000);
    }

    // Each order finished, cleanly.
    expect(await op(survivor)).toMatchObject({ status: "succeeded", progress: 100 });
    expect((await getCluster(await processControlPlane(), acme.as.viewer, "acme", survivor.target.id)).status).toBe("running");
    expect(await op(queued)).toMatchObject({ status: "succeeded" });
    expect((await getCluster(await processControlPlane(), acme.as.viewer, "acme", queued.target.id)).status).toBe("running");
    const failed = await op(doomed);
    expect(failed.status).toBe("failed");
    expect(failed.error?.message).toBeTruthy();
    const doomedCluster = await getCluster(await processControlPlane(), acme.as.viewer, "acme", doomed.target.id);
    expect(doomedCluster).toMatchObject({ status: "failed", failureReason: expect.any(String), released: expect.objectContaining({ gpus: 8 }) });
    expect(await reservedGpus(handle.db, doomed.target.id)).toEqual({});

    // Nothing doubled: one cluster and one create operation per order on the control plane,
    // one operation per order in the console, and exactly the capacity the live orders hold.
    const remote = await cp.listClusters(acme.orgId);
    expect(remote.map((c) => c.id).sort()).toEqual([survivor.target.id, doomed.target.id, queued.target.id].sort());
    for (const id of [survivor.target.id, doomed.target.id, queued.target.id]) expect(await cp.listOperations(acme.orgId, id)).toHaveLength(1);
    expect(await handle.db.select({ id: operations.id }).from(operations).where(eq(operations.orgId, acme.orgId))).toHaveLength(3);
    expect(await allocatedH100()).toBe(heldBefore + 3);
    expect(await reservedGpus(handle.db, survivor.target.id)).toEqual({ H100: 16 });
    expect(await reservedGpus(handle.db, queued.target.id)).toEqual({ H100: 8 });

    forgetCapacity();
    await expect(getCapacity(await processControlPlane(), acme.as.developer)).resolves.toMatchObject({ exact: false });
  });
});
