import { describe, expect, it } from "vitest";
import { applicablePolicy, decisionRight, delegationActiveAt, type ApprovalStage } from "./approvals";

const kacho: ApprovalStage = { name: "課長", approvers: { roles: ["admin"], userIds: [] } };
const bucho: ApprovalStage = { name: "部長", approvers: { roles: [], userIds: ["usr_bucho"] } };
const policies = [
  { id: "p1", actions: ["cluster.create" as const], thresholdMonthlyJpy: 1_000_000, stages: [kacho] },
  { id: "p2", actions: ["cluster.create" as const, "endpoint.create" as const], thresholdMonthlyJpy: 5_000_000, stages: [kacho, bucho] },
];

describe("approval policies", () => {
  it("applies at the yen threshold exactly, not a yen below; the highest applying threshold wins", () => {
    expect(applicablePolicy(policies, "cluster.create", 999_999)).toBeNull();
    expect(applicablePolicy(policies, "cluster.create", 1_000_000)?.id).toBe("p1");
    expect(applicablePolicy(policies, "cluster.create", 4_999_999)?.id).toBe("p1");
    expect(applicablePolicy(policies, "cluster.create", 5_000_000)?.id).toBe("p2");
    expect(applicablePolicy(policies, "endpoint.create", 4_999_999)).toBeNull();
    expect(applicablePolicy(policies, "quota_request.create", 9e9)).toBeNull();
  });

  it("a delegation covers its JST days from 00:00 on the first to 24:00 on the last", () => {
    const d = { fromDate: "2026-12-07", toDate: "2026-12-08" };
    expect(delegationActiveAt(d, new Date("2026-12-06T14:59:59Z"))).toBe(false); // 6 Dec 23:59:59 JST
    expect(delegationActiveAt(d, new Date("2026-12-06T15:00:00Z"))).toBe(true); // 7 Dec 00:00 JST
    expect(delegationActiveAt(d, new Date("2026-12-08T14:59:59Z"))).toBe(true); // 8 Dec 23:59:59 JST
    expect(delegationActiveAt(d, new Date("2026-12-08T15:00:00Z"))).toBe(false); // 9 Dec 00:00 JST
    expect(delegationActiveAt({ ...d, revokedAt: new Date() }, new Date("2026-12-07T03:00:00Z"))).toBe(false);
  });

  it("approvers decide their stage; a delegate decides for an approver only during the window; never the requester", () => {
    const members = [
      { userId: "usr_admin", role: "admin" as const },
      { userId: "usr_bucho", role: "billing" as const },
      { userId: "usr_dev", role: "developer" as const },
      { userId: "usr_deputy", role: "viewer" as const },
    ];
    const delegations = [{ delegatorUserId: "usr_bucho", delegateUserId: "usr_deputy", fromDate: "2026-12-07", toDate: "2026-12-07" }];
    const ctx = (now: string, requesterUserId = "usr_dev") => ({ requesterUserId, members, delegations, now: new Date(now) });
    expect(decisionRight(kacho, members[0], ctx("2026-12-07T03:00:00Z"))).toEqual({ kind: "self" });
    expect(decisionRight(bucho, members[0], ctx("2026-12-07T03:00:00Z"))).toBeNull();
    expect(decisionRight(bucho, members[3], ctx("2026-12-07T03:00:00Z"))).toEqual({ kind: "delegate", onBehalfOf: "usr_bucho" });
    expect(decisionRight(bucho, members[3], ctx("2026-12-07T15:00:00Z"))).toBeNull();
    expect(decisionRight(kacho, members[0], ctx("2026-12-07T03:00:00Z", "usr_admin"))).toBeNull();
    // A delegate cannot approve what the delegator requested.
    expect(decisionRight(bucho, members[3], ctx("2026-12-07T03:00:00Z", "usr_bucho"))).toBeNull();
  });
});
