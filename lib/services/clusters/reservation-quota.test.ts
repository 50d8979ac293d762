import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setControlPlane } from "@/lib/control-plane";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import type { ManualClock } from "@/lib/control-plane/sim/clock";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { installSimulator } from "./testing";
import { orgWithRoles } from "../testing/fixtures";
import { orderReservation } from "../reservations/order-reservation";
import { getReservation } from "../reservations/list-reservations";
import { runOperations } from "../operations/run-operations";
import { getOperation } from "../operations/list-operations";
import { quotaLines } from "../quotas/quota-usage";
import { launchCluster } from "./launch-cluster";
import { preflightCluster } from "./preflight-cluster";

// GPUs drawn from a capacity reservation are already held and paid for, whether used or not:
// they do not count against the org's on-demand quota. Otherwise an org whose quota is used by
// on-demand clusters could reserve (and pay for) machines that it could never launch.

const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];
// The simulator starts at 2030-01-01 18:00 JST (a Tuesday); next Monday is 2030-01-07.
const MONDAY_START = Date.parse("2030-01-06T15:00:00Z");

describe("launches into a reservation and the quota", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: SimulatedControlPlane;
  let clock: ManualClock;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme-rq");
    ({ sim, clock } = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0, meteringIntervalSeconds: 3600 }));
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("counts on-demand GPUs against the quota, and GPUs drawn from a reservation not", async () => {
    const cp = await processControlPlane();
    // On demand, the org's whole H100 quota in Tokyo (16 GPUs = 2 machines).
    const pool = { name: "gpu", shapeId: "h100-8x", count: 2 };
    await launchCluster(cp, acme.as.developer, "acme-rq", { name: "on-demand", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", nodePools: [pool] });
    const h100 = async () => (await quotaLines(handle.db, acme.orgId)).find((l) => l.regionId === "jp-tokyo-1" && l.gpuModel === "H100")!;
    expect(await h100()).toMatchObject({ limit: 16, inUse: 16 });

    const op = await orderReservation(cp, acme.as.owner, "acme-rq", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2, term: "1w", startDate: "2030-01-07" });
    await sim.advance(MONDAY_START + 60_000 - clock.now());
    const reservation = await getReservation(cp, acme.as.owner, "acme-rq", op.target.id);
    expect(reservation.status).toBe("active");

    // Another on-demand machine (in the other zone, which has room) is over the quota; the
    // reserved machines are not.
    const more = { name: "more", zoneId: "jp-tokyo-1b", kubernetesVersion: "1.37", nodePools: [{ ...pool, count: 1 }] };
    await expect(launchCluster(cp, acme.as.developer, "acme-rq", more)).rejects.toMatchObject({ code: "quota_exceeded" });
    const reserved = { name: "reserved", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", nodePools: [{ ...pool, reservationId: reservation.id }] };
    const preflight = await preflightCluster(cp, acme.as.developer, "acme-rq", reserved);
    expect(preflight.issues).toEqual([]);
    const launched = await launchCluster(cp, acme.as.developer, "acme-rq", reserved);
    await runOperations(handle.db, sim, { now: new Date(Date.now() + 60_000) });
    // Submitted to the control plane: the quota is checked again there, and holds.
    expect(["running", "succeeded"]).toContain((await getOperation(acme.as.developer, "acme-rq", launched.id)).status);
    expect(await h100()).toMatchObject({ limit: 16, inUse: 16 });
  }, 180_000);
});
