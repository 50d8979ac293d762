import { sql } from "drizzle-orm";
import seedrandom from "seedrandom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { ClusterSpecInput } from "@/lib/domain/control-plane";
import { isAppError } from "@/lib/domain/errors";
import { TEST_START, expectAppError, expectNoOvercommit, freshSimulator, uniqueId } from "../testing/sim-harness";
import { rowsOf } from "./db";

// Reservations in the simulator: held machines never go to anyone else, the capacity view says
// what is reserved, a window that cannot be promised is refused with the earliest start that can,
// and at the end of its term a reservation gives its machines back.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const H100_SMALL: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }]; // 4 hosts per zone
const GB200_SMALL: FleetEntry[] = [{ regionId: "jp-osaka-1", shapeId: "gb200-tray", count: 4, unit: "rack" }]; // 2 racks per zone

const iso = (ms: number) => new Date(ms).toISOString();

function launch(tenantId: string, zoneId: string, shapeId: string, count: number, reservationId?: string, topology: "rack" | null = null): ClusterSpecInput {
  return {
    tenantId,
    clusterId: uniqueId("cl"),
    name: "c",
    zoneId,
    kubernetesVersion: "1.37",
    controlPlane: "single",
    nodePools: [{ poolId: uniqueId("np"), name: "gpu", shapeId, count, topology, reservationId: reservationId ?? null }],
  };
}

/** The guarantee, read from the tables: on a machine a reservation holds now, only that reservation's nodes run. */
async function expectHeldMachinesUntouched(handle: DbHandle, nowMs: number) {
  const strangers = rowsOf<{ host_id: string; reservation_id: string; placed: string | null; tenant: string; owner: string }>(
    await handle.db.execute(sql`
      select rh.host_id, rh.reservation_id, p.reservation_id as placed, p.tenant_id as tenant, r.tenant_id as owner
      from cp_reservation_hosts rh
      join cp_reservations r on r.id = rh.reservation_id and r.cancelled_at is null
      join cp_placements p on p.host_id = rh.host_id and p.state <> 'released'
      where rh.starts_at <= ${new Date(nowMs)} and rh.ends_at > ${new Date(nowMs)}
        and (p.reservation_id is distinct from rh.reservation_id or p.tenant_id <> r.tenant_id)`),
  );
  expect(strangers, "a node that is not the reservation's own runs on a held machine").toEqual([]);
  // And no on-demand node sits on a machine held now or later (held_until after the node was placed).
  const onDemandOnHeld = rowsOf<{ id: string }>(
    await handle.db.execute(sql`
      select p.id from cp_placements p
      join cp_reservation_hosts rh on rh.host_id = p.host_id
      join cp_reservations r on r.id = rh.reservation_id and r.cancelled_at is null
      where p.state <> 'released' and p.reservation_id is null
        and r.created_at <= p.reserved_at and rh.ends_at > p.reserved_at`),
  );
  expect(onDemandOnHeld, "an on-demand node was placed on a machine held by a reservation").toEqual([]);
}

describe("simulator reservations", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("never hands reserved machines to anyone else (random reservations, launches, deletions and time)", async () => {
    // Hour-long metering intervals: the run moves days of simulated time and checks placement, not metering.
    const { sim, clock } = await freshSimulator(handle.db, { fleet: [...H100_SMALL, ...GB200_SMALL], cpuNodesPerZone: 0, meteringIntervalSeconds: 3600 });
    const random = seedrandom("issue-18-placement");
    const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const tenants = ["org_a", "org_b", "org_c"];
    const zones = [
      { zoneId: "jp-tokyo-1a", shapeId: "h100-8x", unit: 1, max: 3 },
      { zoneId: "jp-tokyo-1b", shapeId: "h100-8x", unit: 1, max: 3 },
      { zoneId: "jp-osaka-1a", shapeId: "gb200-tray", unit: 18, max: 1 },
    ];
    const reservations: { id: string; tenantId: string; zoneId: string; shapeId: string; count: number; startsAt: number; endsAt: number }[] = [];
    const clusters: string[] = [];
    let guaranteedLaunches = 0;

    for (let step = 0; step < 60; step++) {
      const nowMs = clock.now();
      const roll = random();
      const zone = pick(zones);
      if (roll < 0.3) {
        const startsAt = Math.floor((nowMs + Math.floor(random() * 4) * 6 * HOUR) / 1000) * 1000;
        const spec = { tenantId: pick(tenants), reservationId: uniqueId("rsv"), shapeId: zone.shapeId, zoneId: zone.zoneId, count: zone.unit * (1 + Math.floor(random() * zone.max)), startsAt: iso(startsAt), endsAt: iso(startsAt + (1 + Math.floor(random() * 3)) * DAY) };
        try {
          await sim.createReservation(spec);
          reservations.push({ id: spec.reservationId, tenantId: spec.tenantId, zoneId: spec.zoneId, shapeId: spec.shapeId, count: spec.count, startsAt, endsAt: Date.parse(spec.endsAt) });
        } catch (error) {
          expect(isAppError(error) && error.code, String(error)).toBe("capacity_unavailable");
        }
      } else if (roll < 0.55) {
        // An on-demand launch by anyone.
        const spec = launch(pick(tenants), zone.zoneId, zone.shapeId, zone.unit * (1 + Math.floor(random() * 2)), undefined, zone.unit > 1 ? "rack" : null);
        try {
          await sim.createCluster(spec, uniqueId("key"));
          clusters.push(spec.clusterId!);
        } catch (error) {
          expect(isAppError(error) && error.code, String(error)).toBe("capacity_unavailable");
        }
      } else if (roll < 0.75) {
        // A launch into an active reservation, up to what it has left: this must always fit.
        const active = reservations.filter((r) => r.startsAt <= nowMs && nowMs < r.endsAt);
        if (active.length) {
          const r = pick(active);
          const held = await sim.getReservation(r.id);
          const unit = r.shapeId === "gb200-tray" ? 18 : 1;
          const left = held.count - held.inUse;
          if (left >= unit) {
            const count = unit * (1 + Math.floor(random() * (left / unit)));
            const spec = launch(r.tenantId, r.zoneId, r.shapeId, count, r.id, unit > 1 ? "rack" : null);
            await sim.createCluster(spec, uniqueId("key"));
            clusters.push(spec.clusterId!);
            guaranteedLaunches++;
          }
          // Another tenant naming it gets nothing, as if it did not exist.
          const stranger = tenants.find((t) => t !== r.tenantId)!;
          await expectAppError(sim.createCluster(launch(stranger, r.zoneId, r.shapeId, unit, r.id, unit > 1 ? "rack" : null), uniqueId("key")), "not_found");
        }
      } else if (roll < 0.85 && clusters.length) {
        const victim = clusters.splice(Math.floor(random() * clusters.length), 1)[0];
        const cluster = await sim.getCluster(victim);
        if (cluster.status === "running") await sim.deleteCluster(victim, uniqueId("key"));
        else clusters.push(victim);
      } else {
        await sim.advance(Math.floor(random() * 12) * HOUR + 60_000);
      }
      await expectHeldMachinesUntouched(handle, clock.now());
      await expectNoOvercommit(handle.db);
    }
    // The run exercised what it claims to.
    expect(reservations.length).toBeGreaterThanOrEqual(4);
    expect(guaranteedLaunches).toBeGreaterThanOrEqual(3);
    await sim.close();
  }, 240_000);

  it("shows reserved machines in the capacity view and keeps them from on-demand launches", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: H100_SMALL, cpuNodesPerZone: 0 });
    await sim.createReservation({ tenantId: "org_a", reservationId: "rsv_cap", shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 3, startsAt: iso(TEST_START + DAY), endsAt: iso(TEST_START + 8 * DAY) });
    const [capacity] = await sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" });
    expect(capacity).toMatchObject({ total: 4, available: 1, reserved: 3 });
    // Even before the reservation starts, an on-demand launch cannot take the held machines.
    await expectAppError(sim.createCluster(launch("org_b", "jp-tokyo-1a", "h100-8x", 2), "k1"), "capacity_unavailable");
    await expect(sim.createCluster(launch("org_b", "jp-tokyo-1a", "h100-8x", 1), "k2")).resolves.toMatchObject({ status: "running" });
    // Nor can the owner draw on it before its start.
    await expectAppError(sim.createCluster(launch("org_a", "jp-tokyo-1a", "h100-8x", 1, "rsv_cap"), "k3"), "business_rule");
    await sim.close();
  });

  it("refuses a window it cannot promise, with the earliest start that it can", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: H100_SMALL, cpuNodesPerZone: 0 });
    const t0 = TEST_START;
    await sim.createReservation({ tenantId: "org_a", reservationId: "rsv_first", shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 3, startsAt: iso(t0), endsAt: iso(t0 + 7 * DAY) });
    // One machine is busy on demand, with no known end: it is never promised.
    await sim.createCluster(launch("org_c", "jp-tokyo-1a", "h100-8x", 1), "od");

    const asked = { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2, startsAt: iso(t0 + DAY), endsAt: iso(t0 + 8 * DAY) };
    expect(await sim.checkReservation(asked)).toEqual({ available: false, earliestStartAt: iso(t0 + 7 * DAY), basis: "reservations_ending" });
    const refused = await expectAppError(sim.createReservation({ ...asked, tenantId: "org_b", reservationId: "rsv_second" }), "capacity_unavailable");
    expect(refused.details).toMatchObject({ earliestStartAt: iso(t0 + 7 * DAY) });

    // At the earliest start it is accepted, back to back with the first.
    const later = { ...asked, startsAt: iso(t0 + 7 * DAY), endsAt: iso(t0 + 14 * DAY) };
    expect(await sim.checkReservation(later)).toMatchObject({ available: true, basis: "free_now" });
    await expect(sim.createReservation({ ...later, tenantId: "org_b", reservationId: "rsv_second" })).resolves.toMatchObject({ status: "scheduled", count: 2 });
    // Four machines cannot ever be promised while one runs on demand.
    expect(await sim.checkReservation({ ...asked, count: 4 })).toMatchObject({ available: false, earliestStartAt: null, basis: "none" });
    await sim.close();
  });

  it("holds whole NVL72 racks for rack-scale shapes", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: GB200_SMALL, cpuNodesPerZone: 0 });
    await sim.createCluster(launch("org_c", "jp-osaka-1a", "gb200-tray", 1), "loose"); // breaks one rack
    const held = await sim.createReservation({ tenantId: "org_a", reservationId: "rsv_rack", shapeId: "gb200-tray", zoneId: "jp-osaka-1a", count: 18, startsAt: iso(TEST_START), endsAt: iso(TEST_START + 7 * DAY) });
    expect(new Set(held.hostIds.map((h) => h.replace(/-t\d+$/, ""))).size).toBe(1);
    await expectAppError(
      sim.createReservation({ tenantId: "org_b", reservationId: "rsv_rack2", shapeId: "gb200-tray", zoneId: "jp-osaka-1a", count: 18, startsAt: iso(TEST_START), endsAt: iso(TEST_START + 7 * DAY) }),
      "capacity_unavailable",
    );
    await expectAppError(
      sim.createReservation({ tenantId: "org_b", reservationId: "rsv_odd", shapeId: "gb200-tray", zoneId: "jp-osaka-1a", count: 5, startsAt: iso(TEST_START), endsAt: iso(TEST_START + 7 * DAY) }),
      "validation_failed",
    );
    const [capacity] = await sim.getCapacity({ zoneId: "jp-osaka-1a", shapeId: "gb200-tray" });
    expect(capacity).toMatchObject({ reserved: 18, wholeRacksAvailable: 0, available: 17 });
    await sim.close();
  });

  it("meters nodes drawn from a reservation as such, and stops them at the end of the term", async () => {
    const { sim, clock } = await freshSimulator(handle.db, { fleet: H100_SMALL, cpuNodesPerZone: 0, meteringIntervalSeconds: 900 });
    await sim.createReservation({ tenantId: "org_a", reservationId: "rsv_end", shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2, startsAt: iso(TEST_START), endsAt: iso(TEST_START + DAY) });
    const spec = launch("org_a", "jp-tokyo-1a", "h100-8x", 2, "rsv_end");
    await sim.createCluster(spec, "into-reservation");
    await sim.advance(10 * 60_000);
    expect(await sim.getReservation("rsv_end")).toMatchObject({ status: "active", inUse: 2 });
    expect((await sim.getCluster(spec.clusterId!)).nodePools[0]).toMatchObject({ count: 2, reservationId: "rsv_end" });

    await sim.advance(DAY);
    expect(clock.now()).toBeGreaterThan(TEST_START + DAY);
    expect(await sim.getReservation("rsv_end")).toMatchObject({ status: "expired", inUse: 0 });
    const cluster = await sim.getCluster(spec.clusterId!);
    expect(cluster.nodes).toHaveLength(0);
    expect(cluster.nodePools[0].count).toBe(0);
    expect(cluster.nodePools[0].reservationId).toBeUndefined();

    const records = (await sim.meteringSince(null, 5000)).records.filter((r) => r.meter === "node");
    expect(records.length).toBeGreaterThan(0);
    expect(records.every((r) => r.reservationId === "rsv_end")).toBe(true);
    expect(Math.max(...records.map((r) => Date.parse(r.intervalEnd)))).toBeLessThanOrEqual(TEST_START + DAY);
    await sim.close();
  });

  it("cancels before the start only, and frees the machines at once", async () => {
    const { sim } = await freshSimulator(handle.db, { fleet: H100_SMALL, cpuNodesPerZone: 0 });
    const window = { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 4, startsAt: iso(TEST_START + DAY), endsAt: iso(TEST_START + 8 * DAY) };
    await sim.createReservation({ ...window, tenantId: "org_a", reservationId: "rsv_cancel" });
    // A repeat of the same order is the same reservation; other terms under the id are a conflict.
    await expect(sim.createReservation({ ...window, tenantId: "org_a", reservationId: "rsv_cancel" })).resolves.toMatchObject({ reservationId: "rsv_cancel" });
    await expectAppError(sim.createReservation({ ...window, count: 3, tenantId: "org_a", reservationId: "rsv_cancel" }), "conflict");
    await expectAppError(sim.createCluster(launch("org_b", "jp-tokyo-1a", "h100-8x", 1), "k"), "capacity_unavailable");
    await expect(sim.cancelReservation("rsv_cancel")).resolves.toMatchObject({ status: "cancelled" });
    await expect(sim.createCluster(launch("org_b", "jp-tokyo-1a", "h100-8x", 4), "k2")).resolves.toMatchObject({ status: "running" });

    await sim.createReservation({ ...window, zoneId: "jp-tokyo-1b", tenantId: "org_a", reservationId: "rsv_started" });
    await sim.advance(2 * DAY);
    await expectAppError(sim.cancelReservation("rsv_started"), "business_rule");
    await sim.close();
  });
});
