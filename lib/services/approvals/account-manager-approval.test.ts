import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, capacityReservations, notifications, operations } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import type { FleetEntry } from "@/lib/domain/catalog/fleet";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import { jstDateOf } from "@/lib/domain/billing";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { installSimulator } from "../clusters/testing";
import { putAccountContract } from "../contracts/put-account-contract";
import { quoteReservation } from "../reservations/quote-reservation";
import { placeReservationOrder } from "../reservations/place-reservation-order";
import { assignAccountManager } from "../staff/assign-account-manager";
import { decideAccountManagerApproval } from "../staff/decide-account-manager-approval";
import { listAccountManagerApprovals } from "../staff/list-account-manager-approvals";
import { createApprovalPolicy } from "./approval-policies";
import { decideApprovalRequest } from "./decide-approval-request";
import { getApprovalRequest } from "./list-approval-requests";
import { runApprovedRequest } from "./run-approved-request";

// The contract may require the account manager's approval of large reservations: above the
// threshold (total commitment, yen excl. tax; exactly the threshold is not held) the order waits
// in the one 稟議 mechanism with the manager's stage after the customer's stages; only the
// assigned manager (or a platform admin, who also decides for an account without a manager)
// decides it on the staff side; the approval runs the order once, checked again.

// 4 H100 8x machines per Tokyo zone. The simulator's clock starts 2030-01-01 (JST).
const FLEET: FleetEntry[] = [{ regionId: "jp-tokyo-1", shapeId: "h100-8x", count: 8, unit: "node" }];
const week = (startDate: string) => ({ shapeId: "h100-8x", zoneId: "jp-tokyo-1a", count: 2, term: "1w" as const, startDate });
// One week reserved at ¥6,840 per node-hour: 2 × 168 × ¥6,840 = ¥2,298,240 committed.
const TWO_NODES_WEEK = 2_298_240;
const approval = { subject: "学習基盤の予約", purpose: "来週の学習ジョブのため", periodMonths: 1 };

describe("the account manager's approval of large reservations", () => {
  let handle: DbHandle;
  let sim: Awaited<ReturnType<typeof installSimulator>>;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let beta: Awaited<ReturnType<typeof orgWithRoles>>;
  let am: Awaited<ReturnType<typeof principalOf>>;
  let otherAm: Awaited<ReturnType<typeof principalOf>>;
  let admin: Awaited<ReturnType<typeof principalOf>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    beta = await orgWithRoles(handle.db, "beta");
    sim = await installSimulator(handle.db, { fleet: FLEET, cpuNodesPerZone: 0 });
    admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }));
    am = await principalOf(handle.db, await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" }));
    otherAm = await principalOf(handle.db, await createUser(handle.db, "am2@hinoki.example", { staffRole: "account_manager" }));
    await assignAccountManager(admin, "acme", { staffUserId: am.userId, assigned: true });
    // The other manager looks after beta's neighbour only: never acme.
    await orgWithRoles(handle.db, "gamma");
    await assignAccountManager(admin, "gamma", { staffUserId: otherAm.userId, assigned: true });
  }, 180_000);
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  const held = (r: HeldOrOrdered) => {
    if (r.kind !== "approval_request") throw new Error(`expected a 稟議, got ${r.kind}`);
    return r.approvalRequest;
  };
  /** Notifications of this kind a person got, about one request when given. */
  const inbox = async (userId: string, key: string, requestId?: string) =>
    (await handle.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.titleKey, `${key}.title`)))).filter((n) => !requestId || n.dedupeKey?.startsWith(`approval:${requestId}:`));
  const reservationsOf = async (orgId: string) => handle.db.select().from(capacityReservations).where(eq(capacityReservations.orgId, orgId));
  const setThreshold = (slug: string, by: typeof am, reservationApprovalAboveJpy: number | null) => putAccountContract(by, slug, { effectiveFrom: jstDateOf(new Date()), reservationApprovalAboveJpy });

  it("exactly the threshold is ordered; a yen above waits for the assigned manager, who approves it on the staff side and it runs once", async () => {
    const contract = await setThreshold("acme", am, TWO_NODES_WEEK);
    expect(contract.current).toMatchObject({ reservationApprovalAboveJpy: TWO_NODES_WEEK });
    expect((await quoteReservation(sim.controlPlane, acme.as.admin, "acme", week("2030-01-07"))).accountManagerApproval).toBeNull();
    expect((await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", week("2030-01-07"))).kind).toBe("operation");

    await setThreshold("acme", am, TWO_NODES_WEEK - 1);
    // The order form knows before ordering, from the quote.
    expect((await quoteReservation(sim.controlPlane, acme.as.admin, "acme", week("2030-01-07"))).accountManagerApproval).toEqual({ thresholdJpy: TWO_NODES_WEEK - 1 });
    await expect(placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", week("2030-01-07"))).rejects.toMatchObject({
      code: "validation_failed",
      details: { field: "approval.subject", reason: "approval_required", policyId: null, stages: [], accountManagerThresholdJpy: TWO_NODES_WEEK - 1 },
    });
    const request = held(await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", { ...week("2030-01-07"), approval }, { idempotencyKey: "big-1" }));
    expect(request).toMatchObject({
      status: "pending",
      policy: { id: null, name: "" },
      stages: [{ accountManager: { thresholdJpy: TWO_NODES_WEEK - 1 }, state: "awaiting" }],
      order: { totalCommitmentJpy: TWO_NODES_WEEK },
      viewer: { canDecide: false },
    });
    expect(await reservationsOf(acme.orgId)).toHaveLength(1);
    expect(await inbox(am.userId, "approvalAwaitingAccountManager")).toHaveLength(1);
    expect(await inbox(admin.userId, "approvalAwaitingAccountManager")).toHaveLength(0);

    // No member decides the manager's stage, the owner neither; another manager does not see it.
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", request.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideAccountManagerApproval(sim.controlPlane, otherAm, request.id, { decision: "approve" })).rejects.toMatchObject({ code: "not_found" });
    await expect(decideAccountManagerApproval(sim.controlPlane, acme.as.owner, request.id, { decision: "approve" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listAccountManagerApprovals(otherAm, {}, { limit: 50 })).items).toEqual([]);
    const queue = await listAccountManagerApprovals(am, {}, { limit: 50 });
    expect(queue.items).toEqual([expect.objectContaining({ id: request.id, org: expect.objectContaining({ slug: "acme" }), thresholdJpy: TWO_NODES_WEEK - 1, awaitsAccountManager: true, viewer: expect.objectContaining({ canDecide: true }) })]);

    const approved = await decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "approve", comment: "与信枠内のため承認" });
    expect(approved).toMatchObject({ status: "executed", operationId: expect.stringMatching(/^op_/), awaitsAccountManager: false, stages: [{ state: "approved", decision: { deciderUserId: am.userId, comment: "与信枠内のため承認" } }] });
    await expect(decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "approve" })).rejects.toMatchObject({ code: "conflict" });
    await runApprovedRequest(handle.db, sim.controlPlane, request.id);
    const ops = await handle.db.select().from(operations).where(eq(operations.idempotencyKey, `approval-request ${request.id}`));
    expect(ops).toHaveLength(1);
    const reservations = await reservationsOf(acme.orgId);
    expect(reservations).toHaveLength(2);
    expect(reservations.find((r) => r.id === ops[0].targetId)).toMatchObject({ createdBy: acme.userIds.admin, totalCommitmentJpy: TWO_NODES_WEEK, state: "ordered" });
    expect(await inbox(acme.userIds.admin, "approvalExecuted")).toHaveLength(1);

    // Audited on both sides: the customer's log (actor: staff) and the staff log.
    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, request.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["approval_request.create", "approval_request.approve", "approval_request.execute"]));
    expect(audit.find((a) => a.action === "approval_request.approve")).toMatchObject({ orgId: acme.orgId, actorId: am.userId });
    const [staffLog] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "staff.approval_request.approve"));
    expect(staffLog).toMatchObject({ orgId: null, actorId: am.userId, data: expect.objectContaining({ requestId: request.id, thresholdJpy: TWO_NODES_WEEK - 1, totalCommitmentJpy: TWO_NODES_WEEK }) });
  });

  it("capacity gone by the approval: the request ends refused with the reason and the requester is told", async () => {
    // The zone's four machines are reserved for that week now.
    const request = held(await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", { ...week("2030-01-07"), approval }));
    const refused = await decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "approve" });
    expect(refused).toMatchObject({ status: "refused", operationId: null, refusal: { code: "capacity_unavailable" } });
    expect(await reservationsOf(acme.orgId)).toHaveLength(2);
    expect(await inbox(acme.userIds.admin, "approvalRefused")).toHaveLength(1);
  });

  it("after the customer's own 稟議 stages: the manager waits for them, then rejects with a reason the requester reads", async () => {
    await createApprovalPolicy(acme.as.owner, "acme", { name: "予約の稟議", actions: ["reservation.create"], thresholdMonthlyJpy: 0, stages: [{ name: "部長", approvers: { roles: ["owner"] } }] });
    const request = held(await placeReservationOrder(sim.controlPlane, acme.as.admin, "acme", { ...week("2030-01-14"), approval }));
    expect(request.policy.name).toBe("予約の稟議");
    expect(request.stages.map((s) => [s.name, s.accountManager, s.state])).toEqual([
      ["部長", null, "awaiting"],
      ["account_manager", { thresholdJpy: TWO_NODES_WEEK - 1 }, "waiting"],
    ]);
    expect((await listAccountManagerApprovals(am, {}, { limit: 50 })).items.find((r) => r.id === request.id)).toMatchObject({ awaitsAccountManager: false, viewer: expect.objectContaining({ canDecide: false }) });
    await expect(decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "approve" })).rejects.toMatchObject({ code: "conflict" });
    expect(await inbox(am.userId, "approvalAwaitingAccountManager", request.id)).toHaveLength(0);

    await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", request.id, { decision: "approve" });
    expect(await inbox(am.userId, "approvalAwaitingAccountManager", request.id)).toHaveLength(1);
    // The owner approved their stage; the manager's is not theirs.
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", request.id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "reject" })).rejects.toMatchObject({ code: "validation_failed", details: { field: "comment" } });
    const rejected = await decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "reject", comment: "与信枠を超えるため、来月にお願いします" });
    expect(rejected.status).toBe("rejected");
    const [notice] = await inbox(acme.userIds.admin, "approvalRejectedByAccountManager");
    expect(notice.params).toMatchObject({ comment: "与信枠を超えるため、来月にお願いします" });
    expect((await getApprovalRequest(acme.as.admin, "acme", request.id)).stages[1]).toMatchObject({ state: "rejected", decision: { comment: "与信枠を超えるため、来月にお願いします" } });
    expect(await reservationsOf(acme.orgId)).toHaveLength(2);
  });

  it("an account without a manager: the platform admins hear it and decide it; no account manager can", async () => {
    await setThreshold("beta", admin, 1_000_000);
    const request = held(await placeReservationOrder(sim.controlPlane, beta.as.admin, "beta", { ...week("2030-01-07"), zoneId: "jp-tokyo-1b", approval }));
    expect(await inbox(admin.userId, "approvalAwaitingAccountManager")).toHaveLength(1);
    await expect(decideAccountManagerApproval(sim.controlPlane, am, request.id, { decision: "approve" })).rejects.toMatchObject({ code: "not_found" });
    expect((await decideAccountManagerApproval(sim.controlPlane, admin, request.id, { decision: "approve" })).status).toBe("executed");
    expect(await reservationsOf(beta.orgId)).toHaveLength(1);
  });
});
