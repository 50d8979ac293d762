import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { approvalRequests, auditEvents, clusterNodePools, endpoints, operations, quotaLimits } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { saveContract } from "@/lib/billing/contracts";
import type { HeldOrOrdered } from "@/lib/domain/approval-requests";
import { orgWithRoles } from "../testing/fixtures";
import { installSimulator } from "../clusters/testing";
import { launchCluster } from "../clusters/launch-cluster";
import { orderNodePoolUpdate } from "../clusters/update-node-pool";
import { orderEndpoint } from "../endpoints/create-endpoint";
import { orderEndpointUpdate } from "../endpoints/update-endpoint";
import { getEndpoint } from "../endpoints/get-endpoint";
import { syncEndpoints } from "../endpoints/testing";
import { createApprovalPolicy, updateApprovalPolicy } from "./approval-policies";
import { decideApprovalRequest } from "./decide-approval-request";
import { getApprovalRequest } from "./list-approval-requests";
import { resubmitApprovalRequest } from "./resubmit-approval-request";
import { runApprovedRequest } from "./run-approved-request";

// 稟議 for the orders beside a cluster launch — endpoint create, endpoint scale-up, node-pool
// scale-up — through the same one mechanism: the rule weighs the monthly amount at the org's
// CONTRACT prices (to the yen), the order is held with nothing sent, the last approval runs it as
// the requester's through the same service exactly once (the executor run again finds the one
// operation), and a re-check that fails is kept on the request as a refusal.

const subject = { subject: "推論基盤の増強", purpose: "来期の需要に備えるため", periodMonths: 12 };
// L40S under the contract: ¥290 less 12.5 % = ¥253.75 an hour; two replicas = ¥507.50 an hour,
// ¥370,475 a month (730 hours, rounded down once). cpu-16 under the overall 5 %: ¥57 an hour;
// two nodes = ¥114 an hour, ¥83,220 a month.
const TWO_L40S = 370_475;
const TWO_CPU16 = 83_220;

describe("稟議 for endpoints and node pools", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let sim: Awaited<ReturnType<typeof installSimulator>>;
  let n = 0;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "L40S", gpus: 16 });
    await saveContract(handle.db, acme.orgId, { discountPercent: 5, discountByGpuModel: { L40S: 12.5 }, effectiveFrom: "2026-01-01" }, { now: new Date("2025-12-01T00:00:00Z") });
    sim = await installSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } });
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  const endpointOrder = (minReplicas: number, extra: Record<string, unknown> = {}) => ({ name: `chat-${++n}`, modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas, maxReplicas: 8, ...extra });
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await sim.sim.advance(120_000);
      await syncEndpoints(handle.db);
    }
  };
  const heldRequest = (r: HeldOrOrdered) => {
    if (r.kind !== "approval_request") throw new Error(`expected a 稟議, got ${r.kind}`);
    return r.approvalRequest;
  };
  const operationOf = (r: HeldOrOrdered) => {
    if (r.kind !== "operation") throw new Error("expected an operation");
    return r.operation;
  };
  const auditActions = async (targetId: string) => (await handle.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, targetId)).orderBy(auditEvents.id)).map((a) => a.action);
  const opsUnder = async (requestId: string) => handle.db.select().from(operations).where(and(eq(operations.orgId, acme.orgId), eq(operations.idempotencyKey, `approval-request ${requestId}`)));
  /**
   * Approve (one stage: the order runs at once), then put the request back to the state a crash
   * leaves between "the order is recorded" and "the request says so", and run the executor twice
   * at once (a retry and a second instance): the one operation there is, every time.
   */
  const approveAndRunTwice = async (id: string) => {
    const decided = await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", id, { decision: "approve", comment: "承認します" });
    expect(decided.status).toBe("executed");
    await handle.db.update(approvalRequests).set({ status: "approved", operationId: null, finishedAt: null }).where(eq(approvalRequests.id, id));
    await Promise.all([runApprovedRequest(handle.db, sim.controlPlane, id), runApprovedRequest(handle.db, sim.controlPlane, id)]);
    const after = await getApprovalRequest(acme.as.developer, "acme", id);
    expect(after.operationId).toBe(decided.operationId);
    return after;
  };

  async function runningEndpoint(minReplicas: number) {
    const r = operationOf(await orderEndpoint(sim.controlPlane, acme.as.developer, "acme", endpointOrder(minReplicas)));
    await settle();
    expect((await getEndpoint(acme.as.developer, "acme", r.target.id)).status).toBe("running");
    return r.target.id;
  }

  it("endpoint.create: held at the threshold to the yen (contract prices), run a yen below it; approval runs it once as the requester's", async () => {
    const policy = await createApprovalPolicy(acme.as.owner, "acme", { name: "推論の新設", actions: ["endpoint.create"], thresholdMonthlyJpy: TWO_L40S + 1, stages: [{ name: "課長", approvers: { roles: ["admin"] } }] });
    expect((await orderEndpoint(sim.controlPlane, acme.as.developer, "acme", endpointOrder(2))).kind).toBe("operation");

    await updateApprovalPolicy(acme.as.owner, "acme", policy.id, { thresholdMonthlyJpy: TWO_L40S });
    await expect(orderEndpoint(sim.controlPlane, acme.as.developer, "acme", endpointOrder(2))).rejects.toMatchObject({ code: "validation_failed", details: { field: "approval.subject", reason: "approval_required", policyName: "推論の新設", stages: ["課長"] } });
    const order = endpointOrder(2, { approval: subject, poNumber: "PO-88" });
    const request = heldRequest(await orderEndpoint(sim.controlPlane, acme.as.developer, "acme", order, { idempotencyKey: "ep-create-1" }));
    expect(request).toMatchObject({ action: "endpoint.create", status: "pending", targetName: order.name, estimate: { basis: "contract", perHour: 507.5, perMonth: TWO_L40S, perPeriod: TWO_L40S * 12 }, poNumber: "PO-88", policy: { id: policy.id } });
    expect(request.order).toMatchObject({ name: order.name, shapeId: "l40s-1x", minReplicas: 2 });
    expect(request.order).not.toHaveProperty("approval");
    expect(request.snapshot.quota).toEqual([expect.objectContaining({ gpuModel: "L40S", limit: 16, requested: 2 })]);
    // The same key gives the same 稟議 again; nothing reached the endpoints table or the control plane.
    expect(heldRequest(await orderEndpoint(sim.controlPlane, acme.as.developer, "acme", order, { idempotencyKey: "ep-create-1" })).id).toBe(request.id);
    expect(await handle.db.select().from(endpoints).where(eq(endpoints.name, order.name))).toHaveLength(0);

    const done = await approveAndRunTwice(request.id);
    expect(done).toMatchObject({ status: "executed", operationId: expect.stringMatching(/^op_/) });
    const created = await handle.db.select().from(endpoints).where(eq(endpoints.name, order.name));
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ createdBy: acme.userIds.developer, minReplicas: 2 });
    const ops = await opsUnder(request.id);
    expect(ops).toHaveLength(1);
    expect(ops[0]).toMatchObject({ id: done.operationId, kind: "endpoint.create", requestedByUserId: acme.userIds.developer });
    // The executions after the simulated crash name the same one operation.
    const executed = await handle.db.select({ data: auditEvents.data }).from(auditEvents).where(and(eq(auditEvents.targetId, request.id), eq(auditEvents.action, "approval_request.execute")));
    expect(new Set(executed.map((a) => (a.data as { operationId: string }).operationId))).toEqual(new Set([done.operationId]));
    expect((await auditActions(request.id)).slice(0, 3)).toEqual(["approval_request.create", "approval_request.approve", "approval_request.execute"]);
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, created[0].id), eq(auditEvents.action, "endpoint.create")));
    expect(audit).toMatchObject({ actorId: acme.userIds.developer, data: expect.objectContaining({ approvalRequestId: request.id }) });
  });

  it("endpoint.create: a quota gone by the time of approval refuses it, kept on the request; 再申請 holds it again", async () => {
    const order = endpointOrder(2, { approval: subject });
    const request = heldRequest(await orderEndpoint(sim.controlPlane, acme.as.developer, "acme", order));
    await handle.db.update(quotaLimits).set({ gpus: 0 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "L40S")));
    try {
      const refused = await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", request.id, { decision: "approve" });
      expect(refused).toMatchObject({ status: "refused", operationId: null, refusal: { code: "quota_exceeded" } });
      expect(await handle.db.select().from(endpoints).where(eq(endpoints.name, order.name))).toHaveLength(0);
      expect((await auditActions(request.id)).at(-1)).toBe("approval_request.refuse");
    } finally {
      await handle.db.update(quotaLimits).set({ gpus: 16 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "L40S")));
    }
    const again = heldRequest(await resubmitApprovalRequest(sim.controlPlane, acme.as.developer, "acme", request.id, {}));
    expect(again).toMatchObject({ action: "endpoint.create", previousRequestId: request.id, status: "pending", estimate: { perMonth: TWO_L40S } });
  });

  it("endpoint.scale_up: weighs what a raised replica floor adds, at the yen; a scale-down is never held; approval runs the change once", async () => {
    const policy = await createApprovalPolicy(acme.as.owner, "acme", { name: "推論の増強", actions: ["endpoint.scale_up"], thresholdMonthlyJpy: TWO_L40S + 1, stages: [{ name: "課長", approvers: { roles: ["admin"] } }] });
    const id = await runningEndpoint(1);
    expect((await orderEndpointUpdate(sim.controlPlane, acme.as.developer, "acme", id, { minReplicas: 3 })).kind).toBe("operation");
    await settle();

    await updateApprovalPolicy(acme.as.owner, "acme", policy.id, { thresholdMonthlyJpy: TWO_L40S });
    await expect(orderEndpointUpdate(sim.controlPlane, acme.as.developer, "acme", id, { minReplicas: 5 })).rejects.toMatchObject({ details: { reason: "approval_required" } });
    const request = heldRequest(await orderEndpointUpdate(sim.controlPlane, acme.as.developer, "acme", id, { minReplicas: 5, approval: subject }));
    expect(request).toMatchObject({ action: "endpoint.scale_up", estimate: { basis: "contract", perMonth: TWO_L40S }, order: { endpointId: id, minReplicas: 5, fromMinReplicas: 3, shapeId: "l40s-1x" } });
    expect((await getEndpoint(acme.as.developer, "acme", id)).minReplicas).toBe(3);

    const done = await approveAndRunTwice(request.id);
    expect(done.status).toBe("executed");
    expect(await opsUnder(request.id)).toEqual([expect.objectContaining({ id: done.operationId, kind: "endpoint.update", requestedByUserId: acme.userIds.developer })]);
    expect((await getEndpoint(acme.as.developer, "acme", id)).minReplicas).toBe(5);
    await settle();

    // Lowering the floor adds nothing: no rule applies, even one of ¥0.
    await updateApprovalPolicy(acme.as.owner, "acme", policy.id, { thresholdMonthlyJpy: 0 });
    expect((await orderEndpointUpdate(sim.controlPlane, acme.as.developer, "acme", id, { minReplicas: 1 })).kind).toBe("operation");
    await settle();
    // Refused at approval: the quota no longer has room for the raised floor.
    const refusedRequest = heldRequest(await orderEndpointUpdate(sim.controlPlane, acme.as.developer, "acme", id, { minReplicas: 4, approval: subject }));
    await handle.db.update(quotaLimits).set({ gpus: 2 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "L40S")));
    try {
      const refused = await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", refusedRequest.id, { decision: "approve" });
      expect(refused).toMatchObject({ status: "refused", refusal: { code: "quota_exceeded" } });
      expect((await getEndpoint(acme.as.developer, "acme", id)).minReplicas).toBe(1);
    } finally {
      await handle.db.update(quotaLimits).set({ gpus: 16 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "L40S")));
    }
  });

  it("node_pool.scale_up: weighs the added nodes at the yen; approval scales the pool once; a cluster busy by then refuses it", async () => {
    const launched = await launchCluster(sim.controlPlane, acme.as.developer, "acme", { name: "batch", zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", nodePools: [{ name: "workers", shapeId: "cpu-16", count: 1 }] });
    await sim.settle();
    const clusterId = launched.target.id;
    const [pool] = await handle.db.select().from(clusterNodePools).where(eq(clusterNodePools.clusterId, clusterId));
    const policy = await createApprovalPolicy(acme.as.owner, "acme", { name: "ノード増設", actions: ["node_pool.scale_up"], thresholdMonthlyJpy: TWO_CPU16 + 1, stages: [{ name: "課長", approvers: { roles: ["admin"] } }] });
    expect((await orderNodePoolUpdate(sim.controlPlane, acme.as.developer, "acme", clusterId, pool.id, { count: 3 })).kind).toBe("operation");
    await sim.settle();

    await updateApprovalPolicy(acme.as.owner, "acme", policy.id, { thresholdMonthlyJpy: TWO_CPU16 });
    const request = heldRequest(await orderNodePoolUpdate(sim.controlPlane, acme.as.developer, "acme", clusterId, pool.id, { count: 5, approval: subject }));
    expect(request).toMatchObject({ action: "node_pool.scale_up", targetName: "batch / workers", estimate: { basis: "contract", perHour: 114, perMonth: TWO_CPU16 }, order: { clusterId, poolId: pool.id, count: 5, fromCount: 3, toCount: 5 } });
    expect((await handle.db.select().from(clusterNodePools).where(eq(clusterNodePools.id, pool.id)))[0].count).toBe(3);

    const done = await approveAndRunTwice(request.id);
    expect(done.status).toBe("executed");
    expect(await opsUnder(request.id)).toEqual([expect.objectContaining({ id: done.operationId, kind: "cluster.scale_pool", requestedByUserId: acme.userIds.developer })]);
    expect((await handle.db.select().from(clusterNodePools).where(eq(clusterNodePools.id, pool.id)))[0].count).toBe(5);
    await sim.settle();

    // Held, then the cluster is busy with another change when the last approval comes: refused, kept with its reason.
    const busy = heldRequest(await orderNodePoolUpdate(sim.controlPlane, acme.as.developer, "acme", clusterId, pool.id, { count: 7, approval: subject }));
    await orderNodePoolUpdate(sim.controlPlane, acme.as.developer, "acme", clusterId, pool.id, { count: 4 });
    const refused = await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", busy.id, { decision: "approve" });
    expect(refused).toMatchObject({ status: "refused", operationId: null, refusal: { code: "conflict" } });
    expect(await opsUnder(busy.id)).toHaveLength(0);
  });

  it("quota_request.create may not be named by a rule: a quota request costs nothing a yen threshold could weigh (400 naming actions)", async () => {
    const rule = { name: "クォータ", actions: ["quota_request.create" as const], thresholdMonthlyJpy: 0, stages: [{ name: "課長", approvers: { roles: ["admin" as const] } }] };
    await expect(createApprovalPolicy(acme.as.owner, "acme", rule)).rejects.toMatchObject({ name: "ZodError", issues: [expect.objectContaining({ path: ["actions"], message: expect.stringContaining("costs nothing") })] });
    const ok = await createApprovalPolicy(acme.as.owner, "acme", { ...rule, actions: ["reservation.create"] });
    await expect(updateApprovalPolicy(acme.as.owner, "acme", ok.id, { actions: ["reservation.create", "quota_request.create"] })).rejects.toMatchObject({ name: "ZodError" });
  });
});
