import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { approvalRequests, auditEvents, capacityReservations, operations } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import { orgWithRoles } from "../testing/fixtures";
import { installSimulator } from "../clusters/testing";
import { placeReservationOrder } from "../reservations/place-reservation-order";
import { createApprovalPolicy, updateApprovalPolicy } from "./approval-policies";
import { decideApprovalRequest } from "./decide-approval-request";
import { getApprovalRequest } from "./list-approval-requests";
import { runApprovedRequest } from "./run-approved-request";

// 稟議 for reservation orders (reservation.create) through the one mechanism: the rule weighs the
// monthly rate (reserved rate × nodes × 730 hours) to the yen; a held order sends nothing to the
// fleet; the last approval runs it once as the requester's through orderReservation; a window the
// fleet can no longer guarantee by then is a refusal kept on the request.

// 4 H100 8x machines per Tokyo zone. The simulator's clock starts 2030-01-01 (JST); next Monday:
const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];
const request = { shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2, term: "1w" as const, startDate: "2030-01-07" };
// One week reserved: ¥6,840 per node-hour; two nodes = ¥13,680 an hour, ¥9,986,400 a month
// (730 hours); the week's commitment is 2 × 168 × ¥6,840 = ¥2,298,240.
const TWO_NODES_MONTHLY = 9_986_400;
const subject = { subject: "学習用GPUの確保", purpose: "来週の学習ジョブのため", periodMonths: 1 };

describe("稟議 for reservations", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: Awaited<ReturnType<typeof installSimulator>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    sim = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0 });
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  const heldRequest = (r: HeldOrOrdered) => {
    if (r.kind !== "approval_request") throw new Error(`expected a 稟議, got ${r.kind}`);
    return r.approvalRequest;
  };
  const reservationCount = async () => (await handle.db.select().from(capacityReservations).where(eq(capacityReservations.orgId, acme.orgId))).length;
  const opsUnder = async (requestId: string) => handle.db.select().from(operations).where(and(eq(operations.orgId, acme.orgId), eq(operations.idempotencyKey, `approval-request ${requestId}`)));

  it("held at the threshold to the yen, ordered a yen below it; the approval runs it once as the requester's", async () => {
    const policy = await createApprovalPolicy(acme.as.owner, "acme", { name: "予約", actions: ["reservation.create"], thresholdMonthlyJpy: TWO_NODES_MONTHLY + 1, stages: [{ name: "部長", approvers: { roles: ["owner"] } }] });
    expect((await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", request)).kind).toBe("operation");
    expect(await reservationCount()).toBe(1);

    await updateApprovalPolicy(acme.as.owner, "acme", policy.id, { thresholdMonthlyJpy: TWO_NODES_MONTHLY });
    await expect(placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", request)).rejects.toMatchObject({ code: "validation_failed", details: { reason: "approval_required" } });
    const held = heldRequest(await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", { ...request, approval: subject }, { idempotencyKey: "resv-1" }));
    expect(held).toMatchObject({
      action: "reservation.create",
      targetName: "2 × h100-8x (jp-tokyo-1a)",
      estimate: { basis: "list", perHour: 13_680, perMonth: TWO_NODES_MONTHLY, periodMonths: 1 },
      order: { shapeId: "h100-8x", count: 2, term: "1w", startDate: "2030-01-07", totalCommitmentJpy: 2_298_240, termDays: 7 },
      snapshot: { capacityKnown: true, pools: [{ shapeId: "h100-8x", requested: 2, fits: true }] },
    });
    expect(held.order).not.toHaveProperty("approval");
    expect(heldRequest(await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", { ...request, approval: subject }, { idempotencyKey: "resv-1" })).id).toBe(held.id);
    expect(await reservationCount()).toBe(1);

    const decided = await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", held.id, { decision: "approve" });
    expect(decided).toMatchObject({ status: "executed", operationId: expect.stringMatching(/^op_/) });
    // The state a crash leaves between "recorded" and "the request says so"; two runners at once.
    await handle.db.update(approvalRequests).set({ status: "approved", operationId: null, finishedAt: null }).where(eq(approvalRequests.id, held.id));
    await Promise.all([runApprovedRequest(handle.db, sim.controlPlane, held.id), runApprovedRequest(handle.db, sim.controlPlane, held.id)]);
    expect((await getApprovalRequest(acme.as.admin, "acme", held.id)).operationId).toBe(decided.operationId);
    const ops = await opsUnder(held.id);
    expect(ops).toEqual([expect.objectContaining({ id: decided.operationId, kind: "reservation.create", requestedByUserId: acme.userIds.admin })]);
    expect(await reservationCount()).toBe(2);
    const [reservation] = await handle.db.select().from(capacityReservations).where(eq(capacityReservations.id, ops[0].targetId));
    expect(reservation).toMatchObject({ createdBy: acme.userIds.admin, count: 2, totalCommitmentJpy: 2_298_240 });
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, reservation.id), eq(auditEvents.action, "reservation.order")));
    expect(audit).toMatchObject({ actorId: acme.userIds.admin, data: expect.objectContaining({ approvalRequestId: held.id }) });
  });

  it("a window the fleet can no longer guarantee at approval refuses the order, kept on the request", async () => {
    // The zone's four machines are reserved for that week now (two plus two above).
    const held = heldRequest(await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", { ...request, approval: subject }));
    expect(held.snapshot.pools[0].fits).toBe(false);
    const refused = await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", held.id, { decision: "approve" });
    expect(refused).toMatchObject({ status: "refused", operationId: null, refusal: { code: "capacity_unavailable" } });
    expect(await reservationCount()).toBe(2);
    expect(await opsUnder(held.id)).toHaveLength(0);
  });
});
