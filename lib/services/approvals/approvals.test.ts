import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, memberships } from "@/lib/db/schema";
import { decisionRight } from "@/lib/domain/approvals";
import { orgWithRoles } from "../testing/fixtures";
import { approvalPolicyFor } from "./approval-check";
import { createApprovalDelegation, listApprovalDelegations, revokeApprovalDelegation } from "./approval-delegations";
import { createApprovalPolicy, deleteApprovalPolicy, getApprovalPolicy, listApprovalPolicies, updateApprovalPolicy } from "./approval-policies";

// 稟議 rules on the database: who may set them, the yen boundary, two stages (課長 by role, then
// 部長 by name), delegations for JST days (effective from 00:00 JST on the first day to 24:00 on
// the last), tenancy, and the audit trail.

describe("approval policies and delegations", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let twoStage: { id: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
  });
  afterAll(async () => handle.close());

  it("owners and admins set rules; developers and billing may not; named approvers must be members", async () => {
    await createApprovalPolicy(acme.as.admin, "acme", { name: "課長決裁", actions: ["cluster.create", "endpoint.create"], thresholdMonthlyJpy: 1_000_000, stages: [{ name: "課長", approvers: { roles: ["admin"] } }] });
    twoStage = await createApprovalPolicy(acme.as.owner, "acme", {
      name: "部長決裁",
      actions: ["cluster.create"],
      thresholdMonthlyJpy: 5_000_000,
      stages: [
        { name: "課長", approvers: { roles: ["admin"] } },
        { name: "部長", approvers: { userIds: [acme.userIds.billing] } },
      ],
    });
    await expect(createApprovalPolicy(acme.as.developer, "acme", { name: "x", actions: ["cluster.create"], thresholdMonthlyJpy: 0, stages: [{ name: "s", approvers: { roles: ["owner"] } }] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApprovalPolicy(acme.as.billing, "acme", { name: "x", actions: ["cluster.create"], thresholdMonthlyJpy: 0, stages: [{ name: "s", approvers: { roles: ["owner"] } }] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApprovalPolicy(acme.as.owner, "acme", { name: "x", actions: ["cluster.create"], thresholdMonthlyJpy: 0, stages: [{ name: "s", approvers: { userIds: [other.userIds.owner] } }] })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await listApprovalPolicies(acme.as.developer, "acme")).map((p) => p.name)).toEqual(["課長決裁", "部長決裁"]);
    await expect(getApprovalPolicy(other.as.owner, "other", twoStage.id)).rejects.toMatchObject({ code: "not_found" });
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.targetId, twoStage.id)));
    expect(audit.action).toBe("approval_policy.create");
  });

  it("applies at the threshold to the yen: ¥4,999,999 needs one stage, ¥5,000,000 two, ¥999,999 none", async () => {
    expect(await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 999_999)).toBeNull();
    expect((await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 1_000_000))?.stages).toHaveLength(1);
    expect((await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 4_999_999))?.stages).toHaveLength(1);
    const big = await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 7_000_000);
    expect(big?.stages.map((s) => s.name)).toEqual(["課長", "部長"]);
    expect(await approvalPolicyFor(handle.db, acme.orgId, "endpoint.create", 999_999)).toBeNull();
    expect(await approvalPolicyFor(handle.db, other.orgId, "cluster.create", 7_000_000)).toBeNull();
    await updateApprovalPolicy(acme.as.admin, "acme", twoStage.id, { thresholdMonthlyJpy: 8_000_000 });
    expect((await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 7_000_000))?.stages).toHaveLength(1);
    await updateApprovalPolicy(acme.as.admin, "acme", twoStage.id, { thresholdMonthlyJpy: 5_000_000 });
  });

  it("a delegate decides the 部長 stage only during the JST days of the delegation, and not after it is revoked", async () => {
    const delegation = await createApprovalDelegation(acme.as.billing, "acme", { delegateUserId: acme.userIds.viewer, fromDate: "2030-04-01", toDate: "2030-04-03", reason: "出張" });
    expect(delegation).toMatchObject({ startsAt: "2030-03-31T15:00:00.000Z", endsAt: "2030-04-03T15:00:00.000Z", delegatorUserId: acme.userIds.billing });
    await expect(createApprovalDelegation(acme.as.developer, "acme", { delegatorUserId: acme.userIds.billing, delegateUserId: acme.userIds.developer, fromDate: "2030-04-01", toDate: "2030-04-02" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createApprovalDelegation(acme.as.billing, "acme", { delegateUserId: other.userIds.owner, fromDate: "2030-04-01", toDate: "2030-04-02" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(createApprovalDelegation(acme.as.billing, "acme", { delegateUserId: acme.userIds.viewer, fromDate: "2030-04-03", toDate: "2030-04-01" })).rejects.toMatchObject({ name: "ZodError" });

    const policy = (await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 7_000_000))!;
    const bucho = policy.stages[1];
    const members = (await handle.db.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.orgId, acme.orgId))) as Array<{ userId: string; role: "owner" | "admin" | "developer" | "billing" | "viewer" }>;
    const deputy = members.find((m) => m.userId === acme.userIds.viewer)!;
    const at = async (iso: string) => decisionRight(bucho, deputy, { requesterUserId: acme.userIds.developer, members, delegations: await delegationRows(), now: new Date(iso) });
    const delegationRows = async () => (await listApprovalDelegations(acme.as.viewer, "acme")).map((d) => ({ ...d }));
    expect(await at("2030-03-31T14:59:59Z")).toBeNull(); // 31 Mar 23:59:59 JST
    expect(await at("2030-03-31T15:00:00Z")).toEqual({ kind: "delegate", onBehalfOf: acme.userIds.billing });
    expect(await at("2030-04-03T14:59:59Z")).toEqual({ kind: "delegate", onBehalfOf: acme.userIds.billing });
    expect(await at("2030-04-03T15:00:00Z")).toBeNull(); // 4 Apr 00:00 JST
    await expect(revokeApprovalDelegation(acme.as.developer, "acme", delegation.id)).rejects.toMatchObject({ code: "forbidden" });
    await revokeApprovalDelegation(acme.as.billing, "acme", delegation.id);
    expect(await at("2030-04-02T03:00:00Z")).toBeNull();
    await expect(revokeApprovalDelegation(other.as.owner, "other", delegation.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("removing a rule is audited with what it said", async () => {
    await deleteApprovalPolicy(acme.as.owner, "acme", twoStage.id);
    expect((await approvalPolicyFor(handle.db, acme.orgId, "cluster.create", 7_000_000))?.stages).toHaveLength(1);
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, twoStage.id), eq(auditEvents.action, "approval_policy.delete")));
    expect(audit.data).toMatchObject({ before: { name: "部長決裁", thresholdMonthlyJpy: 5_000_000 } });
  });
});
