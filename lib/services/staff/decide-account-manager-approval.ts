import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { getDb } from "@/lib/db/client";
import { approvalRequests, orgs } from "@/lib/db/schema";
import { DecideApprovalRequestInput } from "@/lib/domain/approval-requests";
import { AppError } from "@/lib/domain/errors";
import type { StaffApprovalRequest } from "@/lib/domain/staff-approvals";
import { decisionContext } from "../approvals/approval-request-records";
import { afterDecision, applyDecision } from "../approvals/decide-approval-request";
import { recordAudit } from "../audit/record";
import { isAssigned } from "./staff-account-access";
import { requireStaff } from "./require-staff";
import { staffApprovalViews } from "./staff-approval-view";
import { parseServiceInput } from "../validation/parse-input";

/**
 * The account manager approves or rejects (with a reason) a large reservation of an account they
 * look after, once the customer's own 稟議 stages are through: the same decision step as a
 * member's (decide-approval-request.ts), and on approval the same executor runs the order once,
 * checked again. Only the org's assigned manager, or a platform admin (who also decides for an
 * account without a manager); another manager's account's request is a 404, like one that does
 * not exist. Audited in the customer's log and in the staff log.
 */
export async function decideAccountManagerApproval(cp: ControlPlane, principal: Principal, requestId: string, rawInput: DecideApprovalRequestInput, now: Date = new Date()): Promise<StaffApprovalRequest> {
  requireStaff(principal);
  const input = parseServiceInput(DecideApprovalRequestInput, rawInput, "invalid decision");
  const db = await getDb();
  const [found] = await db.select({ orgId: approvalRequests.orgId, stages: approvalRequests.stages }).from(approvalRequests).where(eq(approvalRequests.id, requestId)).limit(1);
  // A request without the manager's stage is no staff matter: as absent as another manager's.
  if (!found || !found.stages.some((s) => s.accountManager) || !(await isAssigned(db, principal, found.orgId))) throw new AppError("not_found", "approval request not found");
  const [org] = await db.select().from(orgs).where(eq(orgs.id, found.orgId)).limit(1);

  const decided = await db.transaction(async (tx) => {
    const [row] = await tx.select().from(approvalRequests).where(and(eq(approvalRequests.orgId, org.id), eq(approvalRequests.id, requestId))).for("update");
    if (!row) throw new AppError("not_found", "approval request not found");
    if (row.status !== "pending") throw new AppError("conflict", `this request is ${row.status} and awaits no decision`, { status: row.status });
    if (row.expiresAt.getTime() <= now.getTime()) throw new AppError("conflict", "this request has expired", { status: "expired", expiresAt: row.expiresAt.toISOString() });
    const stage = row.stages[row.currentStage];
    if (!stage.accountManager) throw new AppError("conflict", `the customer's stage "${stage.name}" is still to decide`, { stage: stage.name, currentStage: row.currentStage });
    const ctx = await decisionContext(tx, org.id, now);
    const after = await applyDecision(tx, principal, row, input, { onBehalfOf: null, delegationId: null, slug: org.slug, ctx, now });
    await recordAudit(tx, principal, null, {
      action: `staff.approval_request.${input.decision}`,
      targetType: "org",
      targetId: org.id,
      data: { slug: org.slug, requestId: row.id, subject: row.subject, targetName: row.targetName, totalCommitmentJpy: row.order.totalCommitmentJpy ?? null, thresholdJpy: stage.accountManager.thresholdJpy, comment: input.comment },
    });
    return after;
  });
  await afterDecision(cp, db, decided, principal.userId, now);
  const [fresh] = await db.select().from(approvalRequests).where(eq(approvalRequests.id, decided.id));
  const [view] = await staffApprovalViews(db, [{ request: fresh, org }], principal.userId, now);
  return view;
}
