import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonth } from "@/lib/billing/close-month";
import { ingestMeteringRecords } from "@/lib/billing/ingest";
import { setControlPlane } from "@/lib/control-plane";
import type { ManualClock } from "@/lib/control-plane/sim/clock";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { allMetering } from "@/lib/control-plane/testing/sim-harness";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { launchCluster } from "../clusters/launch-cluster";
import { installSimulator } from "../clusters/testing";
import { getOperation } from "../operations/list-operations";
import { runOperations } from "../operations/run-operations";
import { getReservation } from "../reservations/list-reservations";
import { orderReservation } from "../reservations/order-reservation";
import { and, eq } from "drizzle-orm";
import { auditEvents } from "@/lib/db/schema";
import { assignAccountManager } from "../staff/assign-account-manager";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { getCostReport } from "./get-cost-report";
import { getCosts } from "./get-costs";

// The cost explorer's reservations (issue 18): each reservation overlapping the range with the
// charge the invoice bills for its part inside the range, and the utilisation and idle yen its
// own page shows — beside the usage totals, never inside them.

const HOUR = 3_600_000;
const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];
// A week from Monday 2030-01-28 00:00 JST: four days in January, three in February.
const TERM_START = Date.parse("2030-01-27T15:00:00Z");
const RATE = 6840; // yen per node-hour: H100 8x on-demand ¥7,200 less the 1-week term's 5 %.

describe("the cost explorer's reservations", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: SimulatedControlPlane;
  let clock: ManualClock;
  let setDown: (down: boolean) => void;
  let reservationId: string;
  const january = { from: "2030-01-01", to: "2030-02-01", groupBy: "service" as const };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    ({ sim, clock, setDown } = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0, meteringIntervalSeconds: 3600, maxIntervalsPerTick: 1000 }));
    const op = await orderReservation(await processControlPlane(), acme.as.owner, "acme", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1, term: "1w", startDate: "2030-01-28" }, { idempotencyKey: "cost-explorer" });
    reservationId = op.target.id;
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("lists a pending reservation with the charge for its days in the range, before any utilisation", async () => {
    const report = await getCostReport(await processControlPlane(), acme.as.billing, "acme", january);
    expect(report.reservations.items).toHaveLength(1);
    expect(report.reservations.items[0]).toMatchObject({
      id: reservationId,
      shapeId: "h100-8x",
      zoneId: "jp-tokyo-1a",
      count: 1,
      status: "pending",
      startsAt: new Date(TERM_START).toISOString(),
      endsAt: new Date(TERM_START + 168 * HOUR).toISOString(),
      reservedRatePerHour: String(RATE),
      // 28–31 January: 96 node-hours.
      nodeHoursInRange: "96.000",
      chargeJpy: 96 * RATE,
      utilisation: null,
    });
    expect(report.reservations.chargeJpy).toBe(96 * RATE);
    // A range that ends before the term begins lists nothing.
    const early = await getCostReport(await processControlPlane(), acme.as.billing, "acme", { ...january, to: "2030-01-28" });
    expect(early.reservations).toEqual({ items: [], chargeJpy: 0 });
  });

  it("shows utilisation and idle yen equal to the reservation's page, and bills what the invoice bills", async () => {
    // Monday 00:01 JST on the fleet's clock (metering closes the 26 idle days' hours in one tick): a one-node cluster runs in the reservation for ten hours.
    await sim.advance(TERM_START + 60_000 - clock.now());
    const launch = await launchCluster(await processControlPlane(), acme.as.developer, "acme", {
      name: "train",
      zoneId: "jp-tokyo-1a",
      kubernetesVersion: "1.37",
      nodePools: [{ name: "gpu", shapeId: "h100-8x", count: 1, reservationId }],
    });
    await runOperations(handle.db, sim, { now: new Date(Date.now() + 60_000) });
    await sim.advance(120_000);
    await runOperations(handle.db, sim, { now: new Date(Date.now() + 60_000) });
    expect(await getOperation(acme.as.developer, "acme", launch.id)).toMatchObject({ status: "succeeded" });
    await sim.advance(10 * HOUR);
    await ingestMeteringRecords(handle.db, await allMetering(sim));

    const page = await getReservation(await processControlPlane(), acme.as.owner, "acme", reservationId);
    expect(Number(page.utilisation!.usedGpuHours)).toBeGreaterThan(0);
    expect(page.utilisation!.idle.amount).toBeGreaterThan(0);
    const report = await getCostReport(await processControlPlane(), acme.as.billing, "acme", january);
    const [row] = report.reservations.items;
    expect(row.status).toBe("active");
    expect(row.utilisation).toEqual(page.utilisation);

    // A range across the month end: 30–31 January and 1 February, each month floored as its invoice floors it.
    const across = await getCostReport(await processControlPlane(), acme.as.billing, "acme", { from: "2030-01-30", to: "2030-02-02", groupBy: "day" });
    expect(across.reservations.items[0]).toMatchObject({ nodeHoursInRange: "72.000", chargeJpy: 72 * RATE });

    // The usage rows and total are the usage report's, untouched by the reservation's charge.
    const usage = await getCosts(acme.as.billing, "acme", january);
    expect(report.total).toEqual(usage.total);
    expect(report.rows).toEqual(usage.rows);

    // January's invoice bills exactly the charge the explorer showed for January.
    const { invoice } = await closeMonth(handle.db, acme.orgId, "2030-01", new Date("2030-02-01T00:00:00Z"));
    const line = invoice.lines.find((l) => l.kind === "reservation")!;
    expect(line.amountJpy).toBe(row.chargeJpy);
  }, 180_000);

  it("still answers while the control plane is unreachable: costs come from the database", async () => {
    const up = await getCostReport(await processControlPlane(), acme.as.billing, "acme", january);
    setDown(true);
    try {
      const down = await getCostReport(await processControlPlane(), acme.as.billing, "acme", january);
      expect(down.total).toEqual(up.total);
      expect(down.reservations.items.map((r) => [r.id, r.chargeJpy])).toEqual(up.reservations.items.map((r) => [r.id, r.chargeJpy]));
    } finally {
      setDown(false);
    }
  });

  it("is for those who may read billing, in their own org only", async () => {
    for (const role of ["developer", "viewer"] as const) {
      await expect(getCostReport(await processControlPlane(), acme.as[role], "acme", january)).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(getCostReport(await processControlPlane(), other.as.owner, "acme", january)).rejects.toMatchObject({ code: "not_found" });
    // Another org's explorer does not list acme's reservation.
    expect((await getCostReport(await processControlPlane(), other.as.owner, "other", january)).reservations.items).toEqual([]);
  });

  it("audits an account manager's look at the explorer once per request", async () => {
    const admin = await principalOf(handle.db, await createUser(handle.db, "pa-costs@hinoki.example", { staffRole: "platform_admin" }));
    const am = await principalOf(handle.db, await createUser(handle.db, "am-costs@hinoki.example", { staffRole: "account_manager" }));
    await assignAccountManager(admin, "acme", { staffUserId: am.userId, assigned: true });
    const views = async () => (await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.actorId, am.userId), eq(auditEvents.action, "staff.view")))).length;
    const before = await views();
    await getCostReport(await processControlPlane(), am, "acme", january);
    expect((await views()) - before).toBe(1);
  });
});
