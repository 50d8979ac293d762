import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setControlPlane } from "@/lib/control-plane";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import type { ManualClock } from "@/lib/control-plane/sim/clock";
import { uniqueId } from "@/lib/control-plane/testing/sim-harness";
import type { DbHandle } from "@/lib/db/client";
import { notifications } from "@/lib/db/schema";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { installSimulator } from "../clusters/testing";
import { orgWithRoles } from "../testing/fixtures";
import { cancelCapacityRequest, createCapacityRequest, getCapacityRequest, listCapacityRequests } from "./capacity-requests";
import { notifyCapacityWatchers } from "./notify-capacity-watchers";
import { processControlPlane } from "@/lib/services/process-control-plane";

// "Notify me" in the capacity queue: a line per zone and shape served in arrival order, all or
// nothing, each request told once, with its position and an estimate whose basis is stated.

const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }]; // 4 per zone
const MINUTE = 60_000;

async function errorOf(promise: Promise<unknown>): Promise<{ code: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string };
  }
  throw new Error("expected an error");
}

describe("capacity queue: notify me", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: SimulatedControlPlane;
  let clock: ManualClock;
  const busy: string[] = [];

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    ({ sim, clock } = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0, meteringIntervalSeconds: 3600 }));
    // Someone else fills the zone.
    for (let i = 0; i < 4; i++) {
      const clusterId = uniqueId("cl");
      await sim.createCluster({ tenantId: "org_busy", clusterId, name: `busy${i}`, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", controlPlane: "single", nodePools: [{ poolId: `np${i}`, name: "gpu", shapeId: "h100-8x", count: 1 }] }, `busy-${i}`);
      busy.push(clusterId);
    }
    await sim.advance(5 * MINUTE);
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  const bell = async (userId: string) =>
    (await handle.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.titleKey, "capacityAvailable.title")))).length;
  const free = async (clusterId: string) => {
    await sim.deleteCluster(clusterId, uniqueId("key"));
    await sim.advance(5 * MINUTE);
  };

  it("serves the line in arrival order, all or nothing, tells each requester once, and states the basis of its estimate", async () => {
    const big = await createCapacityRequest(await processControlPlane(), acme.as.developer, "acme", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2 });
    const small = await createCapacityRequest(await processControlPlane(), other.as.developer, "other", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1 });
    const later = await createCapacityRequest(await processControlPlane(), acme.as.admin, "acme", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1 });
    expect(big).toMatchObject({ state: "waiting", position: 1, estimatedStartAt: null, estimateBasis: { availableNow: 0, aheadInQueue: 0, knownReleases: 0, observedReleasesPerHour: "0.00" } });
    expect(small).toMatchObject({ position: 2, estimateBasis: { aheadInQueue: 2 } });
    expect((await errorOf(createCapacityRequest(await processControlPlane(), acme.as.viewer, "acme", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1 }))).code).toBe("forbidden");
    expect((await errorOf(getCapacityRequest(await processControlPlane(), other.as.owner, "other", big.id))).code).toBe("not_found");

    expect(await notifyCapacityWatchers(handle.db, sim, clock.now())).toEqual({ notified: 0, expired: 0 });
    // One machine frees: the 2-node request at the head cannot start, and the 1-node ones behind it wait their turn.
    await free(busy[0]);
    expect(await notifyCapacityWatchers(handle.db, sim, clock.now())).toEqual({ notified: 0, expired: 0 });
    const waiting = await getCapacityRequest(await processControlPlane(), acme.as.developer, "acme", big.id);
    // With a release in the last day the estimate has a basis to go on.
    expect(waiting.estimateBasis).toMatchObject({ availableNow: 1, observedReleasesPerHour: "0.04" });
    expect(waiting.estimatedStartAt).not.toBeNull();

    await free(busy[1]);
    // Two free: the head of the line (2 nodes) is told; nothing is left for those behind in this pass.
    expect(await notifyCapacityWatchers(handle.db, sim, clock.now())).toEqual({ notified: 1, expired: 0 });
    expect(await bell(acme.userIds.developer)).toBe(1);
    expect(await bell(other.userIds.developer)).toBe(0);
    expect(await getCapacityRequest(await processControlPlane(), acme.as.developer, "acme", big.id)).toMatchObject({ state: "notified", position: null });
    expect(await getCapacityRequest(await processControlPlane(), other.as.developer, "other", small.id)).toMatchObject({ state: "waiting", position: 1 });

    // Leaving the line. A notice holds nothing, so the same free machines are news to the next in line
    // — and the one told already is not told twice.
    await expect(cancelCapacityRequest(await processControlPlane(), acme.as.admin, "acme", later.id)).resolves.toMatchObject({ state: "cancelled" });
    expect(await notifyCapacityWatchers(handle.db, sim, clock.now())).toEqual({ notified: 1, expired: 0 });
    expect(await notifyCapacityWatchers(handle.db, sim, clock.now())).toEqual({ notified: 0, expired: 0 });
    expect(await bell(acme.userIds.developer)).toBe(1);
    expect(await bell(other.userIds.developer)).toBe(1);
    expect(await bell(acme.userIds.admin)).toBe(0);
    expect((await listCapacityRequests(await processControlPlane(), acme.as.viewer, "acme")).map((r) => r.state).sort()).toEqual(["cancelled", "notified"]);
  });

  it("gives up quietly after its deadline", async () => {
    const withDeadline = await createCapacityRequest(await processControlPlane(), acme.as.developer, "acme", { shapeId: "b200-8x", zoneId: "jp-tokyo-1b", count: 1, deadline: new Date(clock.now() + 10 * MINUTE).toISOString() });
    await sim.advance(11 * MINUTE);
    expect(await notifyCapacityWatchers(handle.db, sim, clock.now())).toMatchObject({ expired: 1 });
    expect(await getCapacityRequest(await processControlPlane(), acme.as.developer, "acme", withDeadline.id)).toMatchObject({ state: "expired", position: null });
  });
});
