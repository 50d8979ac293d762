import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { ClusterSpecInput } from "@/lib/domain/control-plane";
import type { MeteringRecord } from "@/lib/domain/metering";
import { reopenableDatabase } from "../testing/databases";
import { freshSimulator, TEST_START, uniqueId } from "../testing/sim-harness";
import { ManualClock } from "./clock";
import { SimulatedControlPlane } from "./simulator";

// Lifecycles that go wrong or get interrupted: injected failures give their capacity back and
// say why; a restart in the middle of provisioning resumes exactly where it was.

const FLEET: FleetEntry[] = [
  { regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" },
  { regionId: "jp-tokyo-1", shapeId: "l40s-1x", count: 8, unit: "node" },
];

function spec(overrides: Partial<ClusterSpecInput> = {}): ClusterSpecInput {
  return {
    tenantId: "org_lifecycle",
    clusterId: uniqueId("cl"),
    name: "train",
    zoneId: "jp-tokyo-1a",
    kubernetesVersion: "1.36",
    controlPlane: "single",
    nodePools: [{ poolId: "np_gpu", name: "gpu", shapeId: "h100-8x", count: 2 }],
    ...overrides,
  };
}

describe("simulator lifecycles", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("fails a provisioning named for failure, releases its capacity and says why", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: FLEET, failures: { targets: ["doomed"] } });
    const h100 = async () => (await sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" }))[0].available;
    const doomed = spec({ name: "doomed" });
    const op = await sim.createCluster(doomed, "k-doomed");
    expect(await h100()).toBe(2);

    await sim.advance(120_000);
    const failed = await sim.getOperation(op.id);
    expect(failed).toMatchObject({ status: "failed", error: { code: "provisioning_failed" } });
    expect(failed.error!.message).toMatch(/^node doomed-gpu-\w+ failed its health check/);
    expect(failed.steps.find((s) => s.status === "failed")?.name).toBe("booting_nodes");
    expect(failed.steps.slice(3).every((s) => s.status === "pending")).toBe(true);
    const cluster = await sim.getCluster(doomed.clusterId!);
    expect(cluster).toMatchObject({ status: "failed", nodes: [], failureReason: failed.error!.message });
    expect(await h100()).toBe(4);

    // It never ran, so nothing of it is metered; a healthy neighbour is.
    const healthy = spec({ nodePools: [{ poolId: "np", name: "gpu", shapeId: "h100-8x", count: 1 }] });
    await sim.createCluster(healthy, "k-healthy");
    await sim.advance(180_000);
    const { records } = await sim.meteringSince(null, 1000);
    expect(records.some((r) => r.resourceId === doomed.clusterId)).toBe(false);
    expect(records.some((r) => r.resourceId === healthy.clusterId && r.meter === "node")).toBe(true);

    // A failed cluster can be deleted.
    await sim.deleteCluster(doomed.clusterId!, "k-delete");
    await sim.advance(60_000);
    expect((await sim.getCluster(doomed.clusterId!)).status).toBe("deleted");
    await sim.close();
  });

  it("fails at the injected rate, and a failed scale-up leaves the cluster as it was", async () => {
    const { sim: healthy, clock } = await freshSimulator(handle.db, { fleet: FLEET });
    const base = spec({ nodePools: [{ poolId: "np_a", name: "a", shapeId: "l40s-1x", count: 2 }] });
    await healthy.createCluster(base, "k-base");
    await healthy.advance(120_000);
    await healthy.close();

    // The same database, reopened by a simulator that fails every provisioning.
    const failing = await SimulatedControlPlane.open({ db: handle.db, clock, fleet: FLEET, failures: { rate: 1 } });
    const l40s = async () => (await failing.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "l40s-1x" }))[0].available;
    expect(await l40s()).toBe(2);
    const grow = await failing.updateCluster(base.clusterId!, { scaleNodePools: [{ poolId: "np_a", count: 4 }] }, "k-grow");
    expect(await l40s()).toBe(0);
    await failing.advance(120_000);
    expect((await failing.getOperation(grow.id)).status).toBe("failed");
    const cluster = await failing.getCluster(base.clusterId!);
    expect(cluster).toMatchObject({ status: "running", failureReason: null });
    expect(cluster.nodePools[0].count).toBe(2);
    expect(cluster.nodes.filter((n) => n.status === "ready")).toHaveLength(2);
    expect(await l40s()).toBe(2);

    const endpoint = await failing.createEndpoint(
      { tenantId: "org_lifecycle", endpointId: uniqueId("ep"), name: "chat", modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 },
      "k-endpoint",
    );
    await failing.advance(120_000);
    expect((await failing.getEndpoint(endpoint.target.id)).status).toBe("failed");
    expect(await l40s()).toBe(2);
    await failing.close();
  });

  it("provisions on the system clock by its background ticker alone", async () => {
    await freshSimulator(handle.db, { fleet: FLEET }).then(({ sim }) => sim.close()); // empty tables
    const sim = await SimulatedControlPlane.open({ db: handle.db, fleet: FLEET, timing: { speed: Infinity }, tickIntervalMs: 10 });
    sim.start();
    try {
      const launch = spec();
      const op = await sim.createCluster(launch, "k-ticker");
      let status = op.status;
      for (let i = 0; i < 300 && status === "running"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        status = (await sim.getOperation(op.id)).status;
      }
      expect(status).toBe("succeeded");
      expect((await sim.getCluster(launch.clusterId!)).status).toBe("running");
    } finally {
      await sim.close();
    }
  });

  it("resumes after a restart in the middle of provisioning, losing nothing and doubling nothing", async () => {
    // The reference: the same launch, never interrupted.
    const { sim: reference } = await freshSimulator(handle.db, { fleet: FLEET });
    const referenceSpec = spec();
    const referenceOp = await reference.createCluster(referenceSpec, "k-ref");
    await reference.advance(15_000);
    await reference.advance(4 * 60_000);
    const expected = await reference.getOperation(referenceOp.id);
    const expectedSeconds = secondsPerInterval((await reference.meteringSince(null, 1000)).records);
    await reference.close();

    const database = await reopenableDatabase();
    try {
      let opened = await database.open();
      const first = await SimulatedControlPlane.open({ db: opened.db, clock: new ManualClock(TEST_START), fleet: FLEET });
      const launch = spec();
      const op = await first.createCluster(launch, "k-launch");
      await first.advance(15_000); // validating and allocating are done; the nodes are booting
      const before = await first.getOperation(op.id);
      expect(before.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "running", "pending", "pending", "pending"]);
      const nodesBefore = (await first.getCluster(launch.clusterId!)).nodes.map((n) => n.nodeId);
      await first.close();
      await opened.close();

      // A new process: a new clock object (it resumes from the saved time) on the same data.
      opened = await database.open();
      const second = await SimulatedControlPlane.open({ db: opened.db, clock: new ManualClock(TEST_START), fleet: FLEET });
      expect((await second.health()).now).toBe(new Date(TEST_START + 15_000).toISOString());
      expect(await second.getOperation(op.id)).toEqual(before);
      expect((await second.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" }))[0].available).toBe(2);
      // Same key after the restart: the same operation, not a second cluster.
      expect((await second.createCluster(launch, "k-launch")).id).toBe(op.id);

      await second.advance(4 * 60_000);
      const after = await second.getOperation(op.id);
      expect({ ...after, id: "", target: null }).toEqual({ ...expected, id: "", target: null });
      const cluster = await second.getCluster(launch.clusterId!);
      expect(cluster.status).toBe("running");
      expect(cluster.nodes.map((n) => n.nodeId)).toEqual(nodesBefore);
      expect(secondsPerInterval((await second.meteringSince(null, 1000)).records)).toEqual(expectedSeconds);
      await second.close();
      await opened.close();
    } finally {
      await database.destroy();
    }
  });
});

/** Metered seconds per meter and interval: what a bill is made of, independent of ids. */
function secondsPerInterval(records: MeteringRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) out[`${r.meter}@${r.intervalStart}`] = (out[`${r.meter}@${r.intervalStart}`] ?? 0) + r.seconds;
  return out;
}
