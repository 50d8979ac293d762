import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { TEST_START, expectAppError, expectNoOvercommit, freshSimulator, uniqueId } from "../testing/sim-harness";

// The journeys' time travel for one reservation (the server's simulator keeps the system clock):
// a pending reservation starts now for the same term and takes launches into it; an active one
// ends now and the ticker stops its nodes as at a real end; a move that would break the
// guarantee (another reservation holds the machines over the moved window) is refused.

const DAY = 86_400_000;
const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 4, unit: "node" }]; // 2 hosts per zone
const iso = (ms: number) => new Date(ms).toISOString();

describe("reservation time travel (test hook)", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("starts a pending reservation now for the same term, takes a launch into it, then ends it and frees its machines", async () => {
    const { sim, clock } = await freshSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0 });
    const startsAt = TEST_START + 3 * DAY;
    const reservationId = uniqueId("rsv");
    await sim.createReservation({ reservationId, tenantId: "org_a", shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1, startsAt: iso(startsAt), endsAt: iso(startsAt + 7 * DAY) });
    expect((await sim.getReservation(reservationId)).status).toBe("scheduled");
    const launch = () => sim.createCluster({ tenantId: "org_a", clusterId: uniqueId("cl"), name: "c", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", controlPlane: "single", nodePools: [{ poolId: uniqueId("np"), name: "gpu", shapeId: "h100-8x", count: 1, reservationId }] }, uniqueId("key"));
    await expectAppError(launch(), "business_rule");

    const started = await sim.startReservationNowForTest(reservationId);
    expect(started).toMatchObject({ status: "active", startsAt: iso(clock.now()), endsAt: iso(clock.now() + 7 * DAY) });
    // Once started it cannot be started again.
    await expectAppError(sim.startReservationNowForTest(reservationId), "business_rule");
    const op = await launch();
    await sim.advance(3_600_000);
    const cluster = await sim.getCluster(op.target.id);
    expect(cluster.status).toBe("running");
    expect((await sim.getReservation(reservationId)).inUse).toBe(1);
    await expectNoOvercommit(handle.db);

    const ended = await sim.endReservationNowForTest(reservationId);
    expect(ended.endsAt).toBe(iso(clock.now()));
    await sim.advance(60_000);
    expect(await sim.getReservation(reservationId)).toMatchObject({ status: "expired", inUse: 0 });
    expect((await sim.getCluster(op.target.id)).nodePools[0].count).toBe(0);
    await sim.close();
  });

  it("refuses to start a reservation early when another reservation holds its machines before its start", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0 });
    // Both machines of the zone: one reservation now for two days, then ours for a week after it.
    const first = uniqueId("rsv");
    await sim.createReservation({ reservationId: first, tenantId: "org_b", shapeId: "h100-8x", zoneId: "jp-tokyo-1b", count: 2, startsAt: iso(TEST_START), endsAt: iso(TEST_START + 2 * DAY) });
    const later = uniqueId("rsv");
    await sim.createReservation({ reservationId: later, tenantId: "org_a", shapeId: "h100-8x", zoneId: "jp-tokyo-1b", count: 2, startsAt: iso(TEST_START + 2 * DAY), endsAt: iso(TEST_START + 9 * DAY) });
    await expectAppError(sim.startReservationNowForTest(later), "conflict");
    expect((await sim.getReservation(later)).status).toBe("scheduled");
    await sim.close();
  });
});
