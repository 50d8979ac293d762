import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { approvalRequests, auditEvents, clusters, notifications, operations, quotaLimits } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { addDays, jstDateOf, jstDayStart } from "@/lib/domain/billing";
import type { CreateClusterDraft } from "@/lib/domain/clusters";
import { orgWithRoles } from "../testing/fixtures";
import { installSimulator } from "../clusters/testing";
import { orderCluster } from "../clusters/launch-cluster";
import { getCluster } from "../clusters/get-cluster";
import { createApprovalDelegation } from "./approval-delegations";
import { createApprovalPolicy, updateApprovalPolicy } from "./approval-policies";
import { decideApprovalRequest, withdrawApprovalRequest } from "./decide-approval-request";
import { expireApprovalRequests } from "./expire-approval-requests";
import { getApprovalRequest, listApprovalRequests } from "./list-approval-requests";
import { resubmitApprovalRequest } from "./resubmit-approval-request";
import { runApprovedRequest, runApprovedRequests } from "./run-approved-request";
import nodemailer from "nodemailer";
import { deliverPendingEmails } from "../notifications/email/deliver-pending-emails";
import { decodedBody, startSmtpSink } from "../notifications/email/smtp-sink";

// 稟議 end to end on the database, with the control-plane simulator as the control plane: an order a
// rule applies to (at the yen boundary) is held, decided stage by stage (by role, by name, by a
// delegate inside the JST days of the delegation only), withdrawn, expired, re-requested, and on
// final approval run once as the requester's through the same create service — re-checked then.

const subject = { subject: "推論基盤の増強", purpose: "来期の推論需要に備えるため", periodMonths: 12 };
// (20 + 60) × 730 = ¥58,400 a month at list prices.
const small = (name: string, extra: Partial<CreateClusterDraft> = {}): CreateClusterDraft => ({ name, zoneId: "jp-tokyo-1a", kubernetesVersion: "1.36", nodePools: [{ name: "system", shapeId: "cpu-16", count: 1 }], ...extra });
// (20 + 8,800 + 13 × 60) × 730 = ¥7,008,000 a month: the ¥7,000,000 cluster of the issue.
const big = (name: string): CreateClusterDraft => ({
  name,
  zoneId: "jp-tokyo-1a",
  kubernetesVersion: "1.36",
  nodePools: [
    { name: "system", shapeId: "cpu-16", count: 13 },
    { name: "gpu", shapeId: "h200-8x", count: 1 },
  ],
  approval: subject,
});

describe("approval requests (稟議)", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let boundary: { id: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H200", gpus: 64 });
  });
  let sim: Awaited<ReturnType<typeof installSimulator>>;
  beforeEach(async () => {
    sim = await installSimulator(handle.db);
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  const clusterNamed = async (name: string) => (await handle.db.select().from(clusters).where(and(eq(clusters.orgId, acme.orgId), eq(clusters.name, name))))[0];
  const auditOf = async (id: string) => (await handle.db.select({ action: auditEvents.action, actorId: auditEvents.actorId, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.targetId, id)).orderBy(auditEvents.id));
  const inbox = async (userId: string, titleKey: string) => handle.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.titleKey, `${titleKey}.title`)));

  it("holds an order at the rule's threshold to the yen, runs one a yen below it, and asks for 件名 and 目的", async () => {
    boundary = await createApprovalPolicy(acme.as.owner, "acme", { name: "小口", actions: ["cluster.create"], thresholdMonthlyJpy: 58_401, stages: [{ name: "課長", approvers: { roles: ["admin"] } }] });
    const below = await orderCluster(sim.controlPlane, acme.as.developer, "acme", small("below"));
    expect(below.kind).toBe("operation");

    await updateApprovalPolicy(acme.as.owner, "acme", boundary.id, { thresholdMonthlyJpy: 58_400 });
    await expect(orderCluster(sim.controlPlane, acme.as.developer, "acme", small("at-threshold"))).rejects.toMatchObject({ code: "validation_failed", details: { field: "approval.subject", reason: "approval_required" } });
    const held = await orderCluster(sim.controlPlane, acme.as.developer, "acme", small("at-threshold", { approval: subject, costCenterId: null, poNumber: "PO-77" }));
    if (held.kind !== "approval_request") throw new Error("expected a 稟議");
    expect(held.approvalRequest).toMatchObject({
      status: "pending",
      subject: "推論基盤の増強",
      purpose: "来期の推論需要に備えるため",
      targetName: "at-threshold",
      estimate: { basis: "list", perHour: 80, perMonth: 58_400, periodMonths: 12, perPeriod: 700_800 },
      poNumber: "PO-77",
      policy: { id: boundary.id, name: "小口" },
      requester: { userId: acme.userIds.developer },
      stages: [{ name: "課長", state: "awaiting", decision: null }],
      viewer: { canDecide: false, canWithdraw: true },
    });
    expect(held.approvalRequest.order).toMatchObject({ name: "at-threshold", nodePools: [{ shapeId: "cpu-16", count: 1 }] });
    expect(held.approvalRequest.order).not.toHaveProperty("approval");
    expect(held.approvalRequest.snapshot.capacityKnown).toBe(true);
    // Nothing reached the control plane or the clusters table.
    expect(await clusterNamed("at-threshold")).toBeUndefined();
    expect(await handle.db.select().from(operations).where(eq(operations.targetName, "at-threshold"))).toHaveLength(0);
    expect((await auditOf(held.approvalRequest.id)).map((a) => a.action)).toEqual(["approval_request.create"]);
    expect(await inbox(acme.userIds.admin, "approvalAwaiting")).toHaveLength(1);
    expect(await inbox(acme.userIds.developer, "approvalAwaiting")).toHaveLength(0);
    await withdrawApprovalRequest(acme.as.developer, "acme", held.approvalRequest.id);
  });

  it("an Idempotency-Key gives the same 稟議 again, and refuses a different order under it", async () => {
    const first = await orderCluster(sim.controlPlane, acme.as.developer, "acme", small("idem", { approval: subject }), { idempotencyKey: "idem-1" });
    const again = await orderCluster(sim.controlPlane, acme.as.developer, "acme", small("idem", { approval: subject }), { idempotencyKey: "idem-1" });
    expect(first.kind).toBe("approval_request");
    expect(again).toMatchObject({ kind: "approval_request", approvalRequest: { id: first.kind === "approval_request" ? first.approvalRequest.id : "" } });
    await expect(orderCluster(sim.controlPlane, acme.as.developer, "acme", small("idem-2", { approval: subject }), { idempotencyKey: "idem-1" })).rejects.toMatchObject({ code: "idempotency_key_reused" });
    expect(await handle.db.select().from(approvalRequests).where(eq(approvalRequests.targetName, "idem"))).toHaveLength(1);
  });

  it("the journey: a ¥7,000,000/月 cluster waits for 課長 then 部長, is rejected with a comment, re-requested, approved and runs as the developer's", async () => {
    await createApprovalPolicy(acme.as.owner, "acme", {
      name: "部長決裁",
      actions: ["cluster.create"],
      thresholdMonthlyJpy: 5_000_000,
      stages: [
        { name: "課長", approvers: { roles: ["admin"] } },
        { name: "部長", approvers: { userIds: [acme.userIds.owner] } },
      ],
    });
    const ordered = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big("llm-train"));
    if (ordered.kind !== "approval_request") throw new Error("expected a 稟議");
    const id = ordered.approvalRequest.id;
    expect(ordered.approvalRequest.estimate.perMonth).toBe(7_008_000);
    expect(ordered.approvalRequest.policy.name).toBe("部長決裁");

    // Stages in order: the 部長 may not decide before the 課長; the requester never; billing is no approver.
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.developer, "acme", id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.billing, "acme", id, { decision: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideApprovalRequest(sim.controlPlane, other.as.owner, "other", id, { decision: "approve" })).rejects.toMatchObject({ code: "not_found" });
    expect((await listApprovalRequests(acme.as.admin, "acme", { view: "to_decide" })).items.map((r) => r.id)).toContain(id);
    expect((await listApprovalRequests(acme.as.owner, "acme", { view: "to_decide" })).items.map((r) => r.id)).not.toContain(id);

    const afterKacho = await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", id, { decision: "approve", comment: "妥当です" });
    expect(afterKacho.stages.map((s) => s.state)).toEqual(["approved", "awaiting"]);
    expect(afterKacho.stages[0].decision).toMatchObject({ decision: "approve", comment: "妥当です", deciderUserId: acme.userIds.admin, onBehalfOfUserId: null });
    expect(await inbox(acme.userIds.owner, "approvalAwaiting")).toHaveLength(1);

    // The 部長 also gets it by e-mail (the notification outbox), in Japanese, with the link to the request.
    const smtp = await startSmtpSink();
    try {
      const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
      await deliverPendingEmails(handle.db, transport, { from: "Hinoki <noreply@hinoki.example>", consoleUrl: "http://console.test" });
      const mail = smtp.received.find((m) => m.to === "owner@acme.example" && decodedBody(m.raw).includes(`/acme/approvals/${id}`));
      expect(mail).toBeDefined();
      expect(decodedBody(mail!.raw)).toContain("推論基盤の増強");
      expect(decodedBody(mail!.raw)).toContain("7,008,000");
    } finally {
      smtp.server.close();
    }

    await expect(decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", id, { decision: "reject" })).rejects.toMatchObject({ name: "ZodError" });
    const rejected = await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", id, { decision: "reject", comment: "期間を6か月に短縮してください" });
    expect(rejected).toMatchObject({ status: "rejected", stages: [{ state: "approved" }, { state: "rejected", decision: { comment: "期間を6か月に短縮してください" } }] });
    const [notice] = await inbox(acme.userIds.developer, "approvalRejected");
    expect(notice.params).toMatchObject({ stage: "部長", comment: "期間を6か月に短縮してください" });
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", id, { decision: "approve" })).rejects.toMatchObject({ code: "conflict" });
    expect(await clusterNamed("llm-train")).toBeUndefined();

    await expect(resubmitApprovalRequest(sim.controlPlane, acme.as.admin, "acme", id, {})).rejects.toMatchObject({ code: "forbidden" });
    const again = await resubmitApprovalRequest(sim.controlPlane, acme.as.developer, "acme", id, { purpose: "6か月に短縮しました" });
    if (again.kind !== "approval_request") throw new Error("expected a 稟議");
    const second = again.approvalRequest.id;
    expect(again.approvalRequest).toMatchObject({ previousRequestId: id, purpose: "6か月に短縮しました", status: "pending" });
    await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", second, { decision: "approve" });
    const done = await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", second, { decision: "approve", comment: "承認します" });
    expect(done.status).toBe("executed");
    expect(done.operationId).toMatch(/^op_/);

    const cluster = await clusterNamed("llm-train");
    expect(cluster).toMatchObject({ status: "provisioning", createdBy: "developer@acme.example" });
    const [op] = await handle.db.select().from(operations).where(eq(operations.id, done.operationId!));
    expect(op).toMatchObject({ kind: "cluster.create", requestedByUserId: acme.userIds.developer, targetId: cluster.id });
    expect((await auditOf(second)).map((a) => a.action)).toEqual(["approval_request.create", "approval_request.approve", "approval_request.approve", "approval_request.execute"]);
    const [launchAudit] = (await auditOf(cluster.id)).filter((a) => a.action === "cluster.create");
    expect(launchAudit).toMatchObject({ actorId: acme.userIds.developer, data: { approvalRequestId: second } });
    expect(await inbox(acme.userIds.developer, "approvalExecuted")).toHaveLength(1);
    expect((await getCluster(sim.controlPlane, acme.as.developer, "acme", cluster.id)).name).toBe("llm-train");
  });

  it("a delegate (代理) decides the 部長 stage during the JST days of the delegation, not before or after", async () => {
    const today = jstDateOf(new Date());
    await createApprovalDelegation(acme.as.owner, "acme", { delegateUserId: acme.userIds.billing, fromDate: today, toDate: today, reason: "出張" });
    const request = async (name: string) => {
      const r = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big(name));
      if (r.kind !== "approval_request") throw new Error("expected a 稟議");
      await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", r.approvalRequest.id, { decision: "approve" });
      return r.approvalRequest.id;
    };
    const during = await request("deleg-during");
    expect(await inbox(acme.userIds.billing, "approvalAwaiting")).not.toHaveLength(0);
    expect((await getApprovalRequest(acme.as.billing, "acme", during)).viewer).toMatchObject({ canDecide: true, decidesOnBehalfOf: acme.userIds.owner });
    // The same request, asked one millisecond before 00:00 JST of the first day and at 00:00 JST after the last.
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.billing, "acme", during, { decision: "approve" }, new Date(jstDayStart(today).getTime() - 1))).rejects.toMatchObject({ code: "forbidden" });
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.billing, "acme", during, { decision: "approve" }, jstDayStart(addDays(today, 1)))).rejects.toMatchObject({ code: "forbidden" });
    const decided = await decideApprovalRequest(sim.controlPlane, acme.as.billing, "acme", during, { decision: "approve", comment: "部長不在のため代理承認" });
    expect(decided.status).toBe("executed");
    expect(decided.stages[1].decision).toMatchObject({ deciderUserId: acme.userIds.billing, onBehalfOfUserId: acme.userIds.owner, comment: "部長不在のため代理承認" });
    const [audit] = (await auditOf(during)).filter((a) => a.action === "approval_request.approve" && a.actorId === acme.userIds.billing);
    expect(audit.data).toMatchObject({ onBehalfOfUserId: acme.userIds.owner, stage: "部長" });
  });

  it("on approval the order is checked again: a quota that no longer fits refuses it, shown on the 稟議 with its reason", async () => {
    const r = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big("quota-gone"));
    if (r.kind !== "approval_request") throw new Error("expected a 稟議");
    await handle.db.update(quotaLimits).set({ gpus: 0 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "H200")));
    try {
      await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", r.approvalRequest.id, { decision: "approve" });
      const refused = await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", r.approvalRequest.id, { decision: "approve" });
      expect(refused).toMatchObject({ status: "refused", operationId: null, refusal: { code: "quota_exceeded" } });
      expect(await clusterNamed("quota-gone")).toBeUndefined();
      expect(await inbox(acme.userIds.developer, "approvalRefused")).toHaveLength(1);
      expect((await auditOf(r.approvalRequest.id)).at(-1)?.action).toBe("approval_request.refuse");
    } finally {
      await handle.db.update(quotaLimits).set({ gpus: 64 }).where(and(eq(quotaLimits.orgId, acme.orgId), eq(quotaLimits.gpuModel, "H200")));
    }
  });

  it("an approved order runs exactly once: after a crash before it was marked run, and with two runners at once", async () => {
    const r = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big("once"));
    if (r.kind !== "approval_request") throw new Error("expected a 稟議");
    const id = r.approvalRequest.id;
    await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", id, { decision: "approve" });
    const done = await decideApprovalRequest(sim.controlPlane, acme.as.owner, "acme", id, { decision: "approve" });
    // The state a crash leaves between "the order is recorded" and "the request says so".
    await handle.db.update(approvalRequests).set({ status: "approved", operationId: null, finishedAt: null }).where(eq(approvalRequests.id, id));
    await Promise.all([runApprovedRequest(handle.db, sim.controlPlane, id), runApprovedRequest(handle.db, sim.controlPlane, id), runApprovedRequests(handle.db, sim.controlPlane)]);
    const after = await getApprovalRequest(acme.as.developer, "acme", id);
    expect(after).toMatchObject({ status: "executed", operationId: done.operationId });
    expect(await handle.db.select().from(clusters).where(and(eq(clusters.orgId, acme.orgId), eq(clusters.name, "once")))).toHaveLength(1);
    expect(await handle.db.select().from(operations).where(eq(operations.targetName, "once"))).toHaveLength(1);

    // Approved and never run (the deciding process died at once): two runners race, one order.
    const r2 = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big("once-race"));
    if (r2.kind !== "approval_request") throw new Error("expected a 稟議");
    await handle.db.update(approvalRequests).set({ status: "approved", currentStage: 2 }).where(eq(approvalRequests.id, r2.approvalRequest.id));
    await Promise.all([runApprovedRequest(handle.db, sim.controlPlane, r2.approvalRequest.id), runApprovedRequest(handle.db, sim.controlPlane, r2.approvalRequest.id)]);
    expect(await handle.db.select().from(operations).where(eq(operations.targetName, "once-race"))).toHaveLength(1);
    expect((await getApprovalRequest(acme.as.developer, "acme", r2.approvalRequest.id)).status).toBe("executed");
    expect((await auditOf(r2.approvalRequest.id)).filter((a) => a.action === "approval_request.execute")).toHaveLength(1);
  });

  it("the requester withdraws; a request past its days expires by the background task only (reads never write)", async () => {
    const w = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big("withdrawn"));
    if (w.kind !== "approval_request") throw new Error("expected a 稟議");
    await expect(withdrawApprovalRequest(acme.as.admin, "acme", w.approvalRequest.id)).rejects.toMatchObject({ code: "forbidden" });
    expect((await withdrawApprovalRequest(acme.as.developer, "acme", w.approvalRequest.id)).status).toBe("withdrawn");
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", w.approvalRequest.id, { decision: "approve" })).rejects.toMatchObject({ code: "conflict" });

    const e = await orderCluster(sim.controlPlane, acme.as.developer, "acme", big("expiring"));
    if (e.kind !== "approval_request") throw new Error("expected a 稟議");
    const later = new Date(Date.parse(e.approvalRequest.expiresAt) + 1);
    expect(Date.parse(e.approvalRequest.expiresAt) - Date.parse(e.approvalRequest.createdAt)).toBe(14 * 86_400_000);
    const seen = await getApprovalRequest(acme.as.admin, "acme", e.approvalRequest.id, later);
    expect(seen).toMatchObject({ status: "pending", viewer: { canDecide: false } });
    await expect(decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", e.approvalRequest.id, { decision: "approve" }, later)).rejects.toMatchObject({ code: "conflict" });
    expect(await expireApprovalRequests(handle.db, later)).toBeGreaterThanOrEqual(1);
    expect(await expireApprovalRequests(handle.db, later)).toBe(0);
    expect((await getApprovalRequest(acme.as.developer, "acme", e.approvalRequest.id)).status).toBe("expired");
    expect(await inbox(acme.userIds.developer, "approvalExpired")).not.toHaveLength(0);
    expect((await auditOf(e.approvalRequest.id)).map((a) => a.action)).toContain("approval_request.expire");
    await expect(getApprovalRequest(other.as.owner, "other", e.approvalRequest.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listApprovalRequests(acme.as.developer, "acme", { view: "mine", status: "expired" })).items.map((r) => r.id)).toContain(e.approvalRequest.id);
  });
});
