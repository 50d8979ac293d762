import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { capacityReservations, operations } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { orgWithRoles } from "../testing/fixtures";
import { installSimulator } from "../clusters/testing";
import { orderReservation } from "./order-reservation";

// A reservation order's Idempotency-Key lives on its operation only (the one replay mechanism):
// the same order sent again — one after the other, or twice at once from two instances — is one
// operation and one reservation, with one hold on the fleet.

const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];
const request = { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1, term: "1w" as const, startDate: "2030-01-07" };

describe("a replayed reservation order", () => {
  let handle: DbHandle;
  let sim: Awaited<ReturnType<typeof installSimulator>>;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    sim = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0 });
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("yields one reservation, sent again after the first answer and twice at once", async () => {
    const first = await orderReservation(sim.controlPlane, acme.as.owner, "acme", request, { idempotencyKey: "same-order" });
    const [again, raced] = await Promise.all([
      orderReservation(sim.controlPlane, acme.as.owner, "acme", request, { idempotencyKey: "same-order" }),
      orderReservation(sim.controlPlane, acme.as.admin, "acme", request, { idempotencyKey: "same-order" }),
    ]);
    expect([again.id, raced.id]).toEqual([first.id, first.id]);
    const [x, y] = await Promise.all([
      orderReservation(sim.controlPlane, acme.as.owner, "acme", request, { idempotencyKey: "at-once" }),
      orderReservation(sim.controlPlane, acme.as.owner, "acme", request, { idempotencyKey: "at-once" }),
    ]);
    expect(x.id).toBe(y.id);
    const rows = await handle.db.select().from(capacityReservations).where(eq(capacityReservations.orgId, acme.orgId));
    expect(rows.map((r) => r.id).sort()).toEqual([first.target.id, x.target.id].sort());
    expect(await handle.db.select().from(operations).where(eq(operations.orgId, acme.orgId))).toHaveLength(2);
    expect(await sim.sim.listReservations(acme.orgId)).toHaveLength(2);
  });
});
