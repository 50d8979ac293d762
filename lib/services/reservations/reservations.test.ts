import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeMonth } from "@/lib/billing/close-month";
import { saveContract } from "@/lib/billing/contracts";
import { ingestMeteringRecords } from "@/lib/billing/ingest";
import { setControlPlane } from "@/lib/control-plane";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import type { ManualClock } from "@/lib/control-plane/sim/clock";
import { allMetering, uniqueId } from "@/lib/control-plane/testing/sim-harness";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, notifications } from "@/lib/db/schema";
import { createTestDatabase } from "@/lib/db/testing";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import { installSimulator } from "../clusters/testing";
import { assignAccountManager } from "../staff/assign-account-manager";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { cancelReservation } from "./cancel-reservation";
import { getReservation, listReservations } from "./list-reservations";
import { notifyReservationLifecycle } from "./notify-reservation-lifecycle";
import { orderReservation } from "./order-reservation";
import { launchCluster } from "../clusters/launch-cluster";
import { getCluster } from "../clusters/get-cluster";
import { getOperation } from "../operations/list-operations";
import { runOperations } from "../operations/run-operations";
import { quoteReservation } from "./quote-reservation";
import { processControlPlane } from "@/lib/services/process-control-plane";

// Reservations through the console's services, on the embedded simulator's manual clock:
// priced, ordered, pending then active as the fleet's clock moves, billed for their term as their
// own invoice line, and usage drawn from them not billed again — to the yen.

const HOUR = 3_600_000;
// 4 H100 8x machines per Tokyo zone: small enough to run out.
const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];
// The simulator starts at 2030-01-01 18:00 JST (a Tuesday); "next Monday" is 2030-01-07.
const NEXT_MONDAY = "2030-01-07";
const MONDAY_START = Date.parse("2030-01-06T15:00:00Z");

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; details?: Record<string, unknown> };
  }
  throw new Error("expected an error");
}

/** Orders through the operations engine and reads the reservation the operation made. */
async function ordered(...args: Parameters<typeof orderReservation> extends [unknown, ...infer Rest] ? Rest : never) {
  const op = await orderReservation(await processControlPlane(), ...args);
  return getReservation(await processControlPlane(), args[0], args[1], op.target.id);
}

describe("reservations", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: SimulatedControlPlane;
  let clock: ManualClock;
  let setDown: (down: boolean) => void;
  const request = { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2, term: "1w" as const, startDate: NEXT_MONDAY };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    ({ sim, clock, setDown } = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0, meteringIntervalSeconds: 3600 }));
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("prices a reservation for next Monday: reserved rate, total commitment, on-demand comparison", async () => {
    const quote = await quoteReservation(await processControlPlane(), acme.as.billing, "acme", request);
    expect(quote).toMatchObject({
      startsAt: new Date(MONDAY_START).toISOString(),
      endsAt: new Date(MONDAY_START + 168 * HOUR).toISOString(),
      hours: 168,
      listRatePerHour: "7200",
      reservedRatePerHour: "6840",
      onDemandRatePerHour: "7200",
      termDiscountPercent: "5.00",
      totalCommitment: { amount: 2 * 168 * 6840, currency: "JPY" },
      onDemandEquivalent: { amount: 2 * 168 * 7200, currency: "JPY" },
      saving: { amount: 2 * 168 * 360, currency: "JPY" },
      breakEvenUtilisationPercent: "95.00",
      available: true,
    });
    // A contract discount applies on top of the term discount.
    await saveContract(handle.db, other.orgId, { discountPercent: 10, effectiveFrom: "2029-12-01" });
    const discounted = await quoteReservation(await processControlPlane(), other.as.owner, "other", request);
    expect(discounted).toMatchObject({ reservedRatePerHour: "6156", onDemandRatePerHour: "6480", contractDiscountPercent: "10.00" });
    // A start date that has begun in Japan already is refused with the field named.
    expect(await errorOf(quoteReservation(await processControlPlane(), acme.as.owner, "acme", { ...request, startDate: "2030-01-01" }))).toMatchObject({ code: "validation_failed", details: { field: "startDate" } });
  });

  it("lets only those who see spend read reservations, and only owner and admin order them", async () => {
    expect((await errorOf(quoteReservation(await processControlPlane(), acme.as.viewer, "acme", request))).code).toBe("forbidden");
    expect((await errorOf(orderReservation(await processControlPlane(), acme.as.developer, "acme", request))).code).toBe("forbidden");
    expect((await errorOf(orderReservation(await processControlPlane(), acme.as.billing, "acme", request))).code).toBe("forbidden");
    expect((await errorOf(quoteReservation(await processControlPlane(), other.as.owner, "acme", request))).code).toBe("not_found");
  });

  let reservationId: string;

  it("orders it as one operation per Idempotency-Key, audited, shown as pending, with its machines held", async () => {
    const op = await orderReservation(await processControlPlane(), acme.as.owner, "acme", request, { idempotencyKey: "order-1" });
    expect(op).toMatchObject({ kind: "reservation.create", status: "succeeded", target: { kind: "reservation" } });
    const first = await getReservation(await processControlPlane(), acme.as.owner, "acme", op.target.id);
    reservationId = first.id;
    expect(first).toMatchObject({ status: "pending", count: 2, gpuCount: 16, totalCommitment: { amount: 2_298_240 }, inUse: 0, utilisation: null });
    const again = await orderReservation(await processControlPlane(), acme.as.owner, "acme", request, { idempotencyKey: "order-1" });
    expect(again.id).toBe(op.id);
    expect((await errorOf(orderReservation(await processControlPlane(), acme.as.owner, "acme", { ...request, count: 1 }, { idempotencyKey: "order-1" }))).code).toBe("idempotency_key_reused");
    expect(await sim.listReservations(acme.orgId)).toHaveLength(1);
    expect(await getOperation(acme.as.developer, "acme", op.id)).toMatchObject({ status: "succeeded", target: { id: first.id } });
    const audit = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "reservation.order")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ targetId: first.id, actorType: "user" });

    expect((await listReservations(await processControlPlane(), acme.as.developer, "acme")).map((r) => r.id)).toEqual([first.id]);
    expect((await errorOf(getReservation(await processControlPlane(), other.as.owner, "other", first.id))).code).toBe("not_found");
    const [capacity] = await sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" });
    expect(capacity).toMatchObject({ reserved: 2, available: 2 });
  });

  it("shows the account manager the reservations of their accounts only, read-only", async () => {
    const admin = await principalOf(handle.db, await createUser(handle.db, "pa@hinoki.example", { staffRole: "platform_admin" }));
    const am = await principalOf(handle.db, await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" }));
    const stranger = await principalOf(handle.db, await createUser(handle.db, "am2@hinoki.example", { staffRole: "account_manager" }));
    await assignAccountManager(admin, "acme", { staffUserId: am.userId, assigned: true });
    expect((await listReservations(await processControlPlane(), am, "acme")).map((r) => r.id)).toEqual([reservationId]);
    expect((await errorOf(listReservations(await processControlPlane(), stranger, "acme"))).code).toBe("not_found");
    expect((await errorOf(orderReservation(await processControlPlane(), am, "acme", request))).code).toBe("forbidden");
  });

  it("keeps an order through a control-plane outage pending; the runner holds the machines when it is back", async () => {
    const later = { ...request, zoneId: "jp-tokyo-1b", count: 1, startDate: "2030-03-04" };
    setDown(true);
    try {
      const op = await orderReservation(await processControlPlane(), acme.as.owner, "acme", later, { idempotencyKey: "order-outage" });
      expect(op).toMatchObject({ status: "pending", currentStep: "waiting_for_control_plane", attempts: 1 });
      // A retry during the outage is the same operation, not a second order.
      expect((await orderReservation(await processControlPlane(), acme.as.owner, "acme", later, { idempotencyKey: "order-outage" })).id).toBe(op.id);
      setDown(false);
      expect(await sim.listReservations(acme.orgId)).toHaveLength(1);
      await runOperations(handle.db, sim, { now: new Date(Date.now() + 60_000) });
      expect(await getOperation(acme.as.owner, "acme", op.id)).toMatchObject({ status: "succeeded", attempts: 2 });
      expect(await getReservation(await processControlPlane(), acme.as.owner, "acme", op.target.id)).toMatchObject({ status: "pending", count: 1, startsAt: "2030-03-03T15:00:00.000Z" });
      expect(await sim.listReservations(acme.orgId)).toHaveLength(2);
      await cancelReservation(await processControlPlane(), acme.as.owner, "acme", op.target.id);
    } finally {
      setDown(false);
    }
  });

  it("refuses a window the fleet cannot guarantee, with the earliest start that it can, writing nothing", async () => {
    const refused = await errorOf(orderReservation(await processControlPlane(), acme.as.owner, "acme", { ...request, count: 3, startDate: null }, { idempotencyKey: "order-2" }));
    expect(refused).toMatchObject({ code: "capacity_unavailable", details: { earliestStartAt: new Date(MONDAY_START + 168 * HOUR).toISOString() } });
    expect((await listReservations(await processControlPlane(), acme.as.owner, "acme")).filter((r) => r.status !== "cancelled")).toHaveLength(1);
  });

  it("becomes active on the fleet's clock; a launch into it uses no on-demand capacity; it is billed as its own line and its usage not again", async () => {
    // Move the fleet's clock to Monday 00:00 JST and a minute.
    await sim.advance(MONDAY_START + 60_000 - clock.now());
    expect((await getReservation(await processControlPlane(), acme.as.owner, "acme", reservationId)).status).toBe("active");
    expect((await errorOf(cancelReservation(await processControlPlane(), acme.as.owner, "acme", reservationId))).code).toBe("business_rule");

    // Every on-demand machine of the zone is taken: the 2 not reserved go to another launch.
    const burst = { tenantId: acme.orgId, clusterId: uniqueId("cl"), name: "burst", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37" as const, controlPlane: "single" as const };
    await sim.createCluster({ ...burst, nodePools: [{ poolId: "np_o", name: "gpu", shapeId: "h100-8x", count: 2 }] }, "launch-on-demand");
    const [full] = await sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" });
    expect(full.available).toBe(0);
    const pool = { name: "gpu", shapeId: "h100-8x", count: 2 };
    const launch = { name: "train", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.37", nodePools: [{ ...pool, reservationId }] };
    // On demand it would be refused; into the active reservation it is not.
    expect((await errorOf(launchCluster(await processControlPlane(), acme.as.developer, "acme", { ...launch, name: "nope", nodePools: [pool] }))).code).toBe("capacity_unavailable");
    expect(await errorOf(launchCluster(await processControlPlane(), acme.as.developer, "acme", { ...launch, name: "toomany", nodePools: [{ ...pool, count: 3, reservationId }] }))).toMatchObject({ code: "capacity_unavailable", details: { field: "nodePools.0.reservationId", available: 2 } });
    expect((await errorOf(launchCluster(await processControlPlane(), other.as.owner, "other", { ...launch, name: "theirs" }))).code).toBe("not_found");
    const op = await launchCluster(await processControlPlane(), acme.as.developer, "acme", launch);
    await runOperations(handle.db, sim, { now: new Date(Date.now() + 60_000) });
    await sim.advance(120_000);
    await runOperations(handle.db, sim, { now: new Date(Date.now() + 60_000) });
    expect((await getOperation(acme.as.developer, "acme", op.id)).status).toBe("succeeded");
    expect((await getCluster(await processControlPlane(), acme.as.developer, "acme", op.target.id)).status).toBe("running");
    const [after] = await sim.getCapacity({ zoneId: "jp-tokyo-1a", shapeId: "h100-8x" });
    expect(after.available).toBe(0); // no on-demand machine was taken
    await sim.advance(10 * HOUR);
    await ingestMeteringRecords(handle.db, await allMetering(sim));

    const withUse = await getReservation(await processControlPlane(), acme.as.owner, "acme", reservationId);
    expect(withUse.inUse).toBe(2);
    expect(Number(withUse.utilisation!.usedGpuHours)).toBeGreaterThan(0);
    expect(Number(withUse.utilisation!.percent)).toBeLessThanOrEqual(100);

    const records = (await allMetering(sim)).filter((r) => r.tenantId === acme.orgId && r.meter === "node");
    const reservedSeconds = records.filter((r) => r.reservationId === reservationId).reduce((s, r) => s + r.seconds, 0);
    const onDemandSeconds = records.filter((r) => !r.reservationId).reduce((s, r) => s + r.seconds, 0);
    expect(reservedSeconds).toBeGreaterThan(0);
    expect(onDemandSeconds).toBeGreaterThan(0);

    const { invoice } = await closeMonth(handle.db, acme.orgId, "2030-01", new Date("2030-02-01T00:00:00Z"));
    const nodeLines = invoice.lines.filter((l) => l.sku === "h100-8x");
    const reservationLine = nodeLines.find((l) => l.kind === "reservation")!;
    // The whole week at ¥6,840 per node-hour, used or not: ¥2,298,240.
    expect(reservationLine).toMatchObject({ amountJpy: 2_298_240, quantity: "336.000", unitPriceJpy: "6840" });
    expect(reservationLine.descriptionJa).toContain(reservationId);
    // Usage drawn from the reservation: shown with its seconds, at ¥0.
    const covered = nodeLines.find((l) => l.kind === "usage" && l.unitPriceJpy === "0")!;
    expect(covered).toMatchObject({ seconds: reservedSeconds, amountJpy: 0 });
    expect(covered.descriptionJa).toContain("キャパシティ予約内");
    // On-demand seconds at ¥7,200/h = ¥2 a second, exactly.
    const onDemand = nodeLines.find((l) => l.kind === "usage" && l.unitPriceJpy === "7200")!;
    expect(onDemand).toMatchObject({ seconds: onDemandSeconds, amountJpy: 2 * onDemandSeconds });
    expect(invoice.subtotalJpy).toBe(invoice.lines.reduce((s, l) => s + l.amountJpy, 0));
  }, 180_000);

  it("cancels a pending reservation: nothing billed, machines back at once", async () => {
    const pending = await ordered(acme.as.admin, "acme", { ...request, zoneId: "jp-tokyo-1b", startDate: "2030-02-04" });
    const [held] = await sim.getCapacity({ zoneId: "jp-tokyo-1b", shapeId: "h100-8x" });
    expect(held.reserved).toBe(2);
    expect((await errorOf(cancelReservation(await processControlPlane(), acme.as.developer, "acme", pending.id))).code).toBe("forbidden");
    expect((await errorOf(cancelReservation(await processControlPlane(), other.as.owner, "other", pending.id))).code).toBe("not_found");
    await expect(cancelReservation(await processControlPlane(), acme.as.admin, "acme", pending.id)).resolves.toMatchObject({ status: "cancelled" });
    const [freed] = await sim.getCapacity({ zoneId: "jp-tokyo-1b", shapeId: "h100-8x" });
    expect(freed).toMatchObject({ reserved: 0, available: 4 });
    const { invoice } = await closeMonth(handle.db, acme.orgId, "2030-02", new Date("2030-03-01T00:00:00Z"));
    expect(invoice.lines.filter((l) => l.kind === "reservation")).toEqual([]);
  });
});

describe("reservation notices", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "notices");
    await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0, meteringIntervalSeconds: 3600 });
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("tells owner, admin and billing 30 and 7 days before the end, once each; a week-long block gets no 30-day notice; idle capacity once a week", async () => {
    const quarter = await ordered(acme.as.owner, "notices", { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 1, term: "3m", startDate: null });
    const week = await ordered(acme.as.owner, "notices", { shapeId: "h100-8x", zoneId: "jp-tokyo-1b", count: 1, term: "1w", startDate: null });
    const ends = Date.parse(quarter.endsAt);
    const bell = async (who: "owner" | "developer" | "billing") => {
      const rows = await handle.db.select().from(notifications).where(and(eq(notifications.orgId, acme.orgId), eq(notifications.userId, acme.userIds[who])));
      // The notice's kind is its title key's group (reservationExpiring.title → reservationExpiring).
      return rows.filter((n) => n.category === "reservation").map((n) => `${n.titleKey.replace(/\.title$/, "")}:${(n.params as Record<string, unknown>).reservation}:${(n.params as Record<string, unknown>).days ?? ""}`);
    };

    // Day 2: nothing ran on either, so both are idle; nothing ends within 30 days yet.
    const day2 = Date.parse(quarter.startsAt) + 2 * 24 * HOUR;
    expect(await notifyReservationLifecycle(handle.db, day2)).toEqual({ expiring: 0, lowUtilisation: 2 });
    expect(await notifyReservationLifecycle(handle.db, day2 + HOUR)).toEqual({ expiring: 0, lowUtilisation: 0 });

    const thirtyLeft = ends - 30 * 24 * HOUR + 60_000;
    expect(await notifyReservationLifecycle(handle.db, thirtyLeft)).toMatchObject({ expiring: 1 });
    expect(await notifyReservationLifecycle(handle.db, thirtyLeft + HOUR)).toMatchObject({ expiring: 0 });
    const sevenLeft = ends - 7 * 24 * HOUR + 60_000;
    expect(await notifyReservationLifecycle(handle.db, sevenLeft)).toMatchObject({ expiring: 1 });

    const owner = await bell("owner");
    expect(owner.filter((n) => n.startsWith("reservationExpiring"))).toEqual([`reservationExpiring:${quarter.id}:30`, `reservationExpiring:${quarter.id}:7`]);
    expect(owner).toContain(`reservationLowUtilisation:${week.id}:`);
    expect(owner.some((n) => n.startsWith(`reservationExpiring:${week.id}`))).toBe(false);
    expect((await bell("billing")).length).toBe(owner.length);
    expect(await bell("developer")).toEqual([]);
  });
});
