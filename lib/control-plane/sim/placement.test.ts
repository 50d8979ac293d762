import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { ClusterSpecInput } from "@/lib/domain/control-plane";
import { isAppError } from "@/lib/domain/errors";
import { expectAppError, expectNoOvercommit, freshSimulator, uniqueId } from "../testing/sim-harness";

// Placement against small fleets, where the limits are easy to reach: concurrent launches never
// over-commit, GB200 rack pools get whole racks, and h100-1x slices pack tightly.

const H100_ONLY: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }]; // 4 hosts per zone
const GB200_ONLY: FleetEntry[] = [{ regionId: "jp-osaka-1", shapeId: "gb200-tray", count: 4, unit: "rack" }]; // 2 racks per zone

function pool(shapeId: string, count: number, topology: "rack" | null = null): ClusterSpecInput["nodePools"][number] {
  return { poolId: uniqueId("np"), name: `p${Math.random().toString(36).slice(2, 8)}`, shapeId, count, topology };
}

function spec(tenantId: string, zoneId: string, pools: ClusterSpecInput["nodePools"]): ClusterSpecInput {
  return { tenantId, clusterId: uniqueId("cl"), name: "c", zoneId, kubernetesVersion: "1.37", controlPlane: "single", nodePools: pools };
}

describe("simulator placement", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("never over-commits when 50 launches race for far less capacity", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: H100_ONLY, cpuNodesPerZone: 0 });
    const tenantId = uniqueId("org");
    // jp-tokyo-1a has 4 H100 hosts = 32 GPU slots; the launches below ask for 275.
    const launches = Array.from({ length: 50 }, (_, i) =>
      sim.createCluster(spec(tenantId, "jp-tokyo-1a", [i % 2 === 0 ? pool("h100-8x", 1) : pool("h100-1x", 3)]), `race-${i}`),
    );
    const results = await Promise.allSettled(launches);

    const accepted = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason);
    expect(accepted.length).toBeGreaterThan(0);
    for (const reason of refused) expect(isAppError(reason) && reason.code, String(reason)).toBe("capacity_unavailable");

    // What a user can see: GPUs held never exceed the zone's GPUs, and no GPU is held twice.
    const clusters = await sim.listClusters(tenantId);
    expect(clusters).toHaveLength(accepted.length);
    const gpus = clusters.flatMap((c) => c.nodes.flatMap((n) => n.gpus.map((g) => `${n.hostId}#${g.index}`)));
    expect(new Set(gpus).size).toBe(gpus.length);
    expect(gpus.length).toBeLessThanOrEqual(32);
    const [slices] = await sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-1x" });
    expect(slices.allocated).toBe(gpus.length);
    expect(slices.available).toBe(32 - gpus.length);

    // And in the tables: every host's counters agree with the placements on it.
    const { usedSlots } = await expectNoOvercommit(handle.db);
    expect(usedSlots).toBe(gpus.length);

    // What is reported as free really is: one more slice fits exactly when one is available.
    const more = sim.createCluster(spec(tenantId, "jp-tokyo-1a", [pool("h100-1x", 1)]), "after-race");
    if (slices.available > 0) await expect(more).resolves.toMatchObject({ status: "running" });
    else await expectAppError(more, "capacity_unavailable");
    await sim.close();
  });

  it("gives a rack-topology pool whole NVL72 racks, one rack per 18 trays", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: GB200_ONLY, cpuNodesPerZone: 0 });
    const tenantId = uniqueId("org");
    const finish = () => sim.advance(120_000);
    const racksOf = async (clusterId: string) => {
      const nodes = (await sim.getCluster(clusterId)).nodes;
      const racks = new Map<string, number>();
      for (const n of nodes) racks.set(n.rackId!, (racks.get(n.rackId!) ?? 0) + 1);
      return racks;
    };

    // Loose trays go to one rack and leave the other whole.
    const loose = spec(tenantId, "jp-osaka-1a", [pool("gb200-tray", 5)]);
    await sim.createCluster(loose, uniqueId("key"));
    expect([...(await racksOf(loose.clusterId!)).values()]).toEqual([5]);
    expect((await sim.getCapacity({ zoneId: "jp-osaka-1a", shapeId: "gb200-tray" }))[0]).toMatchObject({ available: 31, wholeRacksAvailable: 1 });

    const rack = spec(tenantId, "jp-osaka-1a", [pool("gb200-tray", 18, "rack")]);
    await sim.createCluster(rack, uniqueId("key"));
    const rackUse = await racksOf(rack.clusterId!);
    expect([...rackUse.values()]).toEqual([18]);
    expect(rackUse.has([...(await racksOf(loose.clusterId!)).keys()][0])).toBe(false);

    // 13 trays are still free in jp-osaka-1a, but no whole rack: a rack pool does not fit there.
    const error = await expectAppError(sim.createCluster(spec(tenantId, "jp-osaka-1a", [pool("gb200-tray", 18, "rack")]), uniqueId("key")), "capacity_unavailable");
    expect(error.details).toMatchObject({ zoneId: "jp-osaka-1a", topology: "rack", available: 0 });
    expect(error.details!.availableIn).toEqual([{ regionId: "jp-osaka-1", zoneId: "jp-osaka-1b", available: 36, wholeRacksAvailable: 2, fitsRequest: true }]);

    // 36 trays with topology "rack": two racks, 18 trays in each, all of one NVLink domain per rack.
    const double = spec(tenantId, "jp-osaka-1b", [pool("gb200-tray", 36, "rack")]);
    await sim.createCluster(double, uniqueId("key"));
    expect([...(await racksOf(double.clusterId!)).values()]).toEqual([18, 18]);

    // The 13 loose trays left fit exactly into the partly used rack.
    const fill = spec(tenantId, "jp-osaka-1a", [pool("gb200-tray", 13)]);
    await sim.createCluster(fill, uniqueId("key"));
    expect([...(await racksOf(fill.clusterId!)).values()]).toEqual([13]);
    expect((await sim.getCapacity({ shapeId: "gb200-tray" })).map((c) => c.available)).toEqual([0, 0]);

    // Scaling a rack pool down gives back a whole rack.
    await finish();
    const doublePool = (await sim.getCluster(double.clusterId!)).nodePools[0];
    await sim.updateCluster(double.clusterId!, { scaleNodePools: [{ poolId: doublePool.poolId, count: 18 }] }, uniqueId("key"));
    await finish();
    expect([...(await racksOf(double.clusterId!)).values()]).toEqual([18]);
    expect((await sim.getCapacity({ zoneId: "jp-osaka-1b", shapeId: "gb200-tray" }))[0]).toMatchObject({ available: 18, wholeRacksAvailable: 1 });
    await expectNoOvercommit(handle.db);
    await sim.close();
  });

  it("packs h100-1x slices onto shared hosts and keeps whole hosts for h100-8x", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: H100_ONLY, cpuNodesPerZone: 0 });
    const tenantId = uniqueId("org");
    const launched: string[] = [];
    for (let i = 0; i < 3; i++) {
      const s = spec(tenantId, "jp-tokyo-1a", [pool("h100-1x", 3)]);
      await sim.createCluster(s, uniqueId("key"));
      launched.push(s.clusterId!);
    }
    const hosts = new Set((await Promise.all(launched.map((id) => sim.getCluster(id)))).flatMap((c) => c.nodes.map((n) => n.hostId)));
    expect(hosts.size).toBe(2); // 9 slices: 8 on one host, 1 on the next
    const capacity = Object.fromEntries((await sim.getCapacity({ zoneId: "jp-tokyo-1a" })).map((c) => [c.shapeId, c.available]));
    expect(capacity).toEqual({ "h100-8x": 2, "h100-1x": 23 });
    await sim.close();
  });
});

