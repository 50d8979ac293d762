import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { approvalDecisions, approvalDelegations, approvalRequests, memberships, users } from "@/lib/db/schema";
import { decisionRight, delegationActiveAt, type DecisionRight, type HeldStage, type Member } from "@/lib/domain/approvals";
import type { ApprovalRequest, ApprovalStageView } from "@/lib/domain/approval-requests";


// Rows of 稟議 and their decisions, who may decide a stage now, and the API shape. Everything a
// view needs is loaded once per org (members, delegations), not once per request.

export type ApprovalRequestRow = typeof approvalRequests.$inferSelect;
export type ApprovalDecisionRow = typeof approvalDecisions.$inferSelect;
type DelegationRow = typeof approvalDelegations.$inferSelect;

type NamedMember = Member & { name: string };

export interface DecisionContext {
  members: NamedMember[];
  delegations: DelegationRow[];
  now: Date;
}

export async function decisionContext(db: DbOrTx, orgId: string, now: Date): Promise<DecisionContext> {
  const members = (await db
    .select({ userId: memberships.userId, role: memberships.role, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))) as NamedMember[];
  const delegations = await db.select().from(approvalDelegations).where(eq(approvalDelegations.orgId, orgId));
  return { members, delegations, now };
}

/** The right of `userId` to decide the stage `row` awaits now (null: none). */
export function rightToDecide(row: ApprovalRequestRow, userId: string, ctx: DecisionContext): (DecisionRight & { delegationId: string | null }) | null {
  if (row.status !== "pending" || row.expiresAt.getTime() <= ctx.now.getTime()) return null;
  const actor = ctx.members.find((m) => m.userId === userId);
  const stage = row.stages[row.currentStage];
  if (!actor || !stage) return null;
  const right = decisionRight(stage, actor, { requesterUserId: row.requesterUserId, members: ctx.members, delegations: ctx.delegations, now: ctx.now });
  if (!right) return null;
  if (right.kind === "self") return { ...right, delegationId: null };
  const used = ctx.delegations.find((d) => d.delegateUserId === userId && d.delegatorUserId === right.onBehalfOf && delegationActiveAt(d, ctx.now));
  return { ...right, delegationId: used?.id ?? null };
}

/** Who may decide `stage` now: its approvers (not the requester) and their active delegates. */
export function approversOf(stage: HeldStage, requesterUserId: string, ctx: DecisionContext): string[] {
  if (stage.accountManager) return [];
  const direct = ctx.members.filter((m) => m.userId !== requesterUserId && (stage.approvers.userIds.includes(m.userId) || stage.approvers.roles.includes(m.role))).map((m) => m.userId);
  const delegates = ctx.delegations.filter((d) => direct.includes(d.delegatorUserId) && d.delegateUserId !== requesterUserId && delegationActiveAt(d, ctx.now)).map((d) => d.delegateUserId);
  return [...new Set([...direct, ...delegates])];
}

export async function decisionsOf(db: DbOrTx, orgId: string, requestIds: string[]): Promise<Map<string, ApprovalDecisionRow[]>> {
  const out = new Map<string, ApprovalDecisionRow[]>();
  if (requestIds.length === 0) return out;
  const rows = await db.select().from(approvalDecisions).where(and(eq(approvalDecisions.orgId, orgId), inArray(approvalDecisions.requestId, requestIds))).orderBy(asc(approvalDecisions.stageIndex));
  for (const r of rows) out.set(r.requestId, [...(out.get(r.requestId) ?? []), r]);
  return out;
}

function stageViews(row: ApprovalRequestRow, decisions: ApprovalDecisionRow[]): ApprovalStageView[] {
  return row.stages.map((stage, index): ApprovalStageView => {
    const d = decisions.find((x) => x.stageIndex === index);
    const decision = d
      ? { id: d.id, decision: d.decision, comment: d.comment, deciderUserId: d.deciderUserId, deciderName: d.deciderName, onBehalfOfUserId: d.onBehalfOfUserId, onBehalfOfName: d.onBehalfOfName, decidedAt: d.createdAt.toISOString() }
      : null;
    const state = d ? (d.decision === "approve" ? "approved" : "rejected") : row.status === "pending" ? (index === row.currentStage ? "awaiting" : "waiting") : "not_reached";
    return { name: stage.name, approvers: stage.approvers, accountManager: stage.accountManager ?? null, state, decision };
  });
}

export function toApprovalRequest(row: ApprovalRequestRow, decisions: ApprovalDecisionRow[], viewer: { userId: string; ctx: DecisionContext }): ApprovalRequest {
  const right = rightToDecide(row, viewer.userId, viewer.ctx);
  return {
    id: row.id,
    action: row.action,
    status: row.status,
    subject: row.subject,
    purpose: row.purpose,
    targetName: row.targetName,
    order: row.order,
    estimate: row.estimate,
    costCenterId: row.costCenterId,
    poNumber: row.poNumber,
    snapshot: row.snapshot,
    policy: { id: row.policyId, name: row.policyName },
    stages: stageViews(row, decisions),
    currentStage: row.currentStage,
    requester: { userId: row.requesterUserId, name: row.requesterName, email: row.requesterEmail },
    previousRequestId: row.previousRequestId,
    expiresAt: row.expiresAt.toISOString(),
    operationId: row.operationId,
    refusal: row.refusal ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    viewer: {
      canDecide: right !== null,
      decidesOnBehalfOf: right?.kind === "delegate" ? right.onBehalfOf : null,
      decidesOnBehalfOfName: right?.kind === "delegate" ? (viewer.ctx.members.find((m) => m.userId === right.onBehalfOf)?.name ?? null) : null,
      canWithdraw: row.status === "pending" && row.requesterUserId === viewer.userId,
    },
  };
}

/** One request as `userId` sees it (decisions and decision rights loaded). */
export async function approvalRequestView(db: DbOrTx, row: ApprovalRequestRow, userId: string, now: Date): Promise<ApprovalRequest> {
  const [ctx, decisions] = await Promise.all([decisionContext(db, row.orgId, now), decisionsOf(db, row.orgId, [row.id])]);
  return toApprovalRequest(row, decisions.get(row.id) ?? [], { userId, ctx });
}

export async function loadApprovalRequestRow(db: DbOrTx, orgId: string, id: string): Promise<ApprovalRequestRow | undefined> {
  const [row] = await db.select().from(approvalRequests).where(and(eq(approvalRequests.orgId, orgId), eq(approvalRequests.id, id))).limit(1);
  return row;
}

