import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { Db, DbOrTx } from "@/lib/db/client";
import { approvalDecisions, approvalRequests } from "@/lib/db/schema";
import { DecideApprovalRequestInput, type ApprovalRequest } from "@/lib/domain/approval-requests";
import { AppError, notFound } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { noticeToApprovers, noticeToRequester } from "./approval-notices";
import { approvalRequestView, decisionContext, rightToDecide, type ApprovalRequestRow, type DecisionContext } from "./approval-request-records";
import { userNames } from "./approval-records";
import { runApprovedRequest } from "./run-approved-request";

// 承認・却下: the approver of the stage a 稟議 awaits (by role or by name), or their delegate
// during the JST days of an active delegation, decides it with a comment. Stages are decided in
// order; one decision per stage (a unique index: two approvers racing cannot both pass it). The
// last approval runs the order as the requester's (run-approved-request) right after the commit;
// if this process dies first, the background task runs it.

export async function decideApprovalRequest(cp: ControlPlane, principal: Principal, slug: string, id: string, raw: DecideApprovalRequestInput, now: Date = new Date()): Promise<ApprovalRequest> {
  const input = DecideApprovalRequestInput.parse(raw);
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  const decided = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(approvalRequests).where(and(eq(approvalRequests.orgId, orgId), eq(approvalRequests.id, id))).for("update");
    if (!row) throw notFound("approval request");
    if (row.status !== "pending") throw new AppError("conflict", `this request is ${row.status} and awaits no decision`, { status: row.status });
    if (row.expiresAt.getTime() <= now.getTime()) throw new AppError("conflict", "this request has expired", { status: "expired", expiresAt: row.expiresAt.toISOString() });
    const ctx = await decisionContext(tx, orgId, now);
    const right = rightToDecide(row, principal.userId, ctx);
    if (!right) {
      const stage = row.stages[row.currentStage];
      const reason =
        row.requesterUserId === principal.userId
          ? "a requester never decides their own request"
          : stage.accountManager
            ? "this stage is decided by the account manager on the staff console, never by a member of the organization"
            : `you are not an approver of the stage "${stage.name}" (nor their delegate today)`;
      throw new AppError("forbidden", reason, { stage: row.stages[row.currentStage].name });
    }
    return applyDecision(tx, principal, row, input, { onBehalfOf: right.kind === "delegate" ? right.onBehalfOf : null, delegationId: right.delegationId, slug: access.org.slug, ctx, now });
  });
  return afterDecision(cp, db, decided, principal.userId, now);
}

/** Runs what the last approval approved (best effort now; the background task retries) and answers the request as `viewerId` sees it. */
export async function afterDecision(cp: ControlPlane, db: Db, decided: ApprovalRequestRow, viewerId: string, now: Date): Promise<ApprovalRequest> {
  if (decided.status === "approved") {
    await runApprovedRequest(db, cp, decided.id).catch((e) => console.warn(`[approvals] ${decided.id} left for the background task:`, e instanceof Error ? e.message : e));
  }
  const [fresh] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, decided.id));
  return approvalRequestView(db, fresh, viewerId, now);
}

export interface DecisionFacts {
  onBehalfOf: string | null;
  delegationId: string | null;
  slug: string;
  ctx: DecisionContext;
  now: Date;
}

/**
 * The decision of the stage `row` awaits (locked by the caller, the right checked): recorded, the
 * request moved on, audited in the org's log, and the next approvers or the requester told. The
 * one step behind a member's decision and the account manager's (staff/decide-account-manager-approval.ts).
 */
export async function applyDecision(tx: DbOrTx, principal: Principal, row: ApprovalRequestRow, input: DecideApprovalRequestInput & { comment: string }, facts: DecisionFacts): Promise<ApprovalRequestRow> {
  const { onBehalfOf, delegationId, slug, ctx, now } = facts;
  const stage = row.stages[row.currentStage];
  const names = await userNames(tx, [principal.userId, ...(onBehalfOf ? [onBehalfOf] : [])]);
  const deciderName = names.get(principal.userId) ?? principal.name;
  await tx.insert(approvalDecisions).values({
    id: newId("approvalDecision", now.getTime()),
    orgId: row.orgId,
    requestId: row.id,
    stageIndex: row.currentStage,
    stageName: stage.name,
    decision: input.decision,
    comment: input.comment,
    deciderUserId: principal.userId,
    deciderName,
    onBehalfOfUserId: onBehalfOf,
    onBehalfOfName: onBehalfOf ? (names.get(onBehalfOf) ?? null) : null,
    delegationId,
    createdAt: now,
  });
  const last = row.currentStage + 1 >= row.stages.length;
  const change: Partial<ApprovalRequestRow> =
    input.decision === "reject"
      ? { status: "rejected", finishedAt: now, updatedAt: now }
      : last
        ? { status: "approved", currentStage: row.stages.length, updatedAt: now }
        : { currentStage: row.currentStage + 1, updatedAt: now };
  const [after] = await tx.update(approvalRequests).set(change).where(and(eq(approvalRequests.id, row.id), eq(approvalRequests.status, "pending"))).returning();
  await recordAudit(tx, principal, row.orgId, {
    action: input.decision === "approve" ? "approval_request.approve" : "approval_request.reject",
    targetType: "approval_request",
    targetId: row.id,
    data: { stage: stage.name, stageIndex: row.currentStage, comment: input.comment, onBehalfOfUserId: onBehalfOf, delegationId, final: input.decision === "approve" && last },
  });
  if (input.decision === "reject" && stage.accountManager) {
    await noticeToRequester(tx, after, slug, "approvalRejectedByAccountManager", { decider: deciderName, comment: input.comment }, now);
  } else if (input.decision === "reject") {
    await noticeToRequester(tx, after, slug, "approvalRejected", { stage: stage.name, decider: deciderName, comment: input.comment }, now);
  } else if (!last) {
    await noticeToApprovers(tx, after, slug, ctx);
  }
  return after;
}

/** 取り下げ: the requester withdraws a request still awaiting decisions. */
export async function withdrawApprovalRequest(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<ApprovalRequest> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const row = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(approvalRequests).where(and(eq(approvalRequests.orgId, orgId), eq(approvalRequests.id, id))).for("update");
    if (!row) throw notFound("approval request");
    if (row.requesterUserId !== principal.userId) throw new AppError("forbidden", "only the requester may withdraw a request");
    if (row.status !== "pending") throw new AppError("conflict", `this request is ${row.status} and can no longer be withdrawn`, { status: row.status });
    const [after] = await tx.update(approvalRequests).set({ status: "withdrawn", finishedAt: now, updatedAt: now }).where(eq(approvalRequests.id, row.id)).returning();
    await recordAudit(tx, principal, orgId, { action: "approval_request.withdraw", targetType: "approval_request", targetId: row.id, data: { stageIndex: row.currentStage } });
    return after;
  });
  return approvalRequestView(db, row, principal.userId, now);
}
