import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { OutcomeRecorder } from "@/lib/db/outcome-recorder";
import { approvalRequests } from "@/lib/db/schema";
import { approvalExpiry, type ApprovalEstimate, type ApprovalRequest, type ApprovalSnapshot, type HeldOrOrdered } from "@/lib/domain/approval-requests";
import type { ApprovalAction, ApprovalPolicy, ApprovalRequestInput, HeldStage } from "@/lib/domain/approvals";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { recordAudit } from "../audit/record";
import { replayOf } from "../operations/record-operation";
import { toOperation } from "../operations/to-operation";
import { noticeToApprovers } from "./approval-notices";
import { decisionContext, decisionsOf, toApprovalRequest } from "./approval-request-records";

// Recording a 稟議 instead of an order: called by a create service (launch-cluster, …) when a rule
// applies. Nothing is sent to the control plane; the complete order waits here, with the estimate,
// who pays, and capacity and quota as the requester saw them. The Idempotency-Key is kept on the
// request, committed with it, so a retry gets the same request.

/** The options of every create service a 稟議 rule may hold (cluster, endpoint, node pool, reservation). */
export interface HoldableOrderOptions {
  /** The client's Idempotency-Key (kept on the operation, or on the 稟議 when the order is held). */
  idempotencyKey?: string;
  /** Commits the API's answer with the order or the 稟議 (the wrapper's record). */
  outcome?: OutcomeRecorder<HeldOrOrdered>;
  /**
   * Set only by the 稟議 executor once every stage approved: the order runs (every check again)
   * instead of being held. Its idempotencyKey is derived from the request and is not a client key.
   */
  approvedRequestId?: string;
  /** A re-request after a rejection, withdrawal, expiry or refusal. */
  previousRequestId?: string;
}

/** Records a 稟議 and gives the create service's answer for it (committed with it when the API asked). */
export async function holdOrder(db: Db, principal: Principal, org: { id: string; slug: string }, held: HeldOrder, options: HoldableOrderOptions): Promise<Extract<HeldOrOrdered, { kind: "approval_request" }>> {
  const recorder = options.outcome;
  const approvalRequest = await requestApproval(db, principal, org, { ...held, idempotencyKey: options.idempotencyKey, previousRequestId: options.previousRequestId }, recorder && { recordIn: (tx, view) => recorder.recordIn(tx, { kind: "approval_request", approvalRequest: view }) });
  return { kind: "approval_request", approvalRequest };
}

export interface HeldOrder {
  action: ApprovalAction;
  /** 件名・目的; a rule that applies makes them required (a 400 naming approval.subject). */
  approval: ApprovalRequestInput | undefined;
  order: Record<string, unknown>;
  targetName: string;
  /** Yen per hour (contract prices when in force) and whether a contract priced it. */
  perHour: number;
  perMonth: number;
  basis: ApprovalEstimate["basis"];
  policy: HoldingPolicy;
  allocation: { costCenterId: string | null; poNumber: string | null };
  snapshot: ApprovalSnapshot;
  fingerprint: string;
  idempotencyKey?: string;
  previousRequestId?: string;
}

/**
 * What holds the order: a 稟議 rule, or the contract's account-manager stage appended to it (or
 * alone: then there is no rule, id null and name ""). See account-manager-approval.ts.
 */
export type HoldingPolicy = Pick<ApprovalPolicy, "name" | "expiresAfterDays"> & { id: string | null; stages: HeldStage[] };

export function requireApprovalInput(held: Pick<HeldOrder, "approval" | "policy">): ApprovalRequestInput {
  if (held.approval) return held.approval;
  const why = held.policy.name ? `under the rule "${held.policy.name}"` : "of the account manager (the contract's threshold for reservations)";
  throw new AppError("validation_failed", `this order needs approval ${why}: give approval.subject and approval.purpose`, {
    field: "approval.subject",
    reason: "approval_required",
    policyId: held.policy.id,
    policyName: held.policy.name,
    // The rule's stages by name; the account manager's stage (a contract setting) as its threshold.
    stages: held.policy.stages.filter((s) => !s.accountManager).map((s) => s.name),
    accountManagerThresholdJpy: held.policy.stages.find((s) => s.accountManager)?.accountManager?.thresholdJpy ?? null,
  });
}

/**
 * What this Idempotency-Key has answered already: the order's operation, or (for a client's key)
 * the 稟議 it waits in — or null, nothing yet. The same intent again gets the same answer.
 */
export async function answeredUnder(db: DbOrTx, orgId: string, key: string | undefined, fingerprint: string, viewerId: string, internal: boolean): Promise<HeldOrOrdered | null> {
  const replay = await replayOf(db, orgId, key, fingerprint, { internal });
  if (replay) return { kind: "operation", operation: toOperation(replay) };
  const held = internal ? null : await approvalReplayOf(db, orgId, key, fingerprint, viewerId);
  return held && { kind: "approval_request", approvalRequest: held };
}

/** The 稟議 already recorded under this Idempotency-Key (same intent), or null. */
export async function approvalReplayOf(db: DbOrTx, orgId: string, key: string | undefined, fingerprint: string, viewerId: string): Promise<ApprovalRequest | null> {
  if (!key) return null;
  const [row] = await db.select().from(approvalRequests).where(and(eq(approvalRequests.orgId, orgId), eq(approvalRequests.idempotencyKey, key))).limit(1);
  if (!row) return null;
  if (row.fingerprint !== fingerprint) throw new AppError("idempotency_key_reused");
  const decisions = await decisionsOf(db, orgId, [row.id]);
  return toApprovalRequest(row, decisions.get(row.id) ?? [], { userId: viewerId, ctx: await decisionContext(db, orgId, new Date()) });
}

export async function requestApproval(
  db: Db,
  principal: Principal,
  org: { id: string; slug: string },
  held: HeldOrder,
  outcome?: OutcomeRecorder<ApprovalRequest>,
  now: Date = new Date(),
): Promise<ApprovalRequest> {
  const approval = requireApprovalInput(held);
  const estimate: ApprovalEstimate = {
    currency: "JPY",
    basis: held.basis,
    perHour: held.perHour,
    perMonth: held.perMonth,
    periodMonths: approval.periodMonths,
    perPeriod: held.perMonth * approval.periodMonths,
  };
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(approvalRequests)
      .values({
        id: newId("approvalRequest", now.getTime()),
        orgId: org.id,
        action: held.action,
        status: "pending",
        subject: approval.subject,
        purpose: approval.purpose,
        targetName: held.targetName,
        order: held.order,
        monthlyJpy: held.perMonth,
        estimate,
        costCenterId: held.allocation.costCenterId,
        poNumber: held.allocation.poNumber,
        snapshot: held.snapshot,
        policyId: held.policy.id,
        policyName: held.policy.name,
        stages: held.policy.stages,
        currentStage: 0,
        requesterUserId: principal.userId,
        requesterName: principal.kind === "api_token" ? `${principal.name} (API token)` : principal.name,
        requesterEmail: principal.email,
        requesterAmr: principal.amr ?? [],
        previousRequestId: held.previousRequestId ?? null,
        idempotencyKey: held.idempotencyKey ?? null,
        fingerprint: held.fingerprint,
        expiresAt: approvalExpiry(now, held.policy.expiresAfterDays),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, principal, org.id, {
      action: "approval_request.create",
      targetType: "approval_request",
      targetId: row.id,
      data: { action: held.action, subject: approval.subject, targetName: held.targetName, monthlyJpy: held.perMonth, policyId: held.policy.id, stages: held.policy.stages.map((s) => s.name), previousRequestId: held.previousRequestId ?? null },
    });
    const ctx = await decisionContext(tx, org.id, now);
    await noticeToApprovers(tx, row, org.slug, ctx);
    const view = toApprovalRequest(row, [], { userId: principal.userId, ctx });
    await outcome?.recordIn(tx, view);
    return view;
  });
}
