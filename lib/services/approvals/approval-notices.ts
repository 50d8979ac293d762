import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { notifyUsers } from "../notifications/notify";
import { accountManagerDeciders } from "./account-manager-approval";
import { approversOf, type ApprovalRequestRow, type DecisionContext } from "./approval-request-records";

// Who hears about a 稟議, in the transaction that changes it (the notification rows are the
// e-mail outbox): the approvers of the stage now awaiting a decision, and the requester when it
// is decided, run, refused or expired. The dedupe key makes a retried step land once per person.

export async function noticeToApprovers(db: DbOrTx, row: ApprovalRequestRow, slug: string, ctx: DecisionContext): Promise<void> {
  const stage = row.stages[row.currentStage];
  if (!stage) return;
  if (stage.accountManager) return noticeToAccountManagers(db, row, slug, ctx.now);
  await notifyUsers(db, row.orgId, approversOf(stage, row.requesterUserId, ctx), {
    category: "approval",
    titleKey: "approvalAwaiting.title",
    bodyKey: "approvalAwaiting.body",
    params: { subject: row.subject, requester: row.requesterName, stage: stage.name, monthly: row.monthlyJpy.toLocaleString("ja-JP") },
    link: `/${slug}/approvals/${row.id}`,
    dedupeKey: `approval:${row.id}:stage:${row.currentStage}`,
  }, ctx.now);
}

export type RequesterNotice = "approvalRejected" | "approvalRejectedByAccountManager" | "approvalExecuted" | "approvalRefused" | "approvalExpired";

export async function noticeToRequester(db: DbOrTx, row: ApprovalRequestRow, slug: string, notice: RequesterNotice, params: Record<string, string | number> = {}, now = new Date()): Promise<void> {
  await notifyUsers(db, row.orgId, [row.requesterUserId], {
    category: "approval",
    titleKey: `${notice}.title`,
    bodyKey: `${notice}.body`,
    params: { subject: row.subject, ...params },
    link: `/${slug}/approvals/${row.id}`,
    dedupeKey: `approval:${row.id}:${notice}`,
  }, now);
}

/** The account manager's stage awaits: its deciders hear it (the staff console is where they decide). */
async function noticeToAccountManagers(db: DbOrTx, row: ApprovalRequestRow, slug: string, now: Date): Promise<void> {
  const stage = row.stages[row.currentStage];
  await notifyUsers(db, row.orgId, await accountManagerDeciders(db, row.orgId), {
    category: "approval",
    titleKey: "approvalAwaitingAccountManager.title",
    bodyKey: "approvalAwaitingAccountManager.body",
    params: { org: slug, subject: row.subject, requester: row.requesterName, total: Number(row.order.totalCommitmentJpy ?? 0).toLocaleString("ja-JP"), threshold: (stage.accountManager?.thresholdJpy ?? 0).toLocaleString("ja-JP") },
    link: `/staff/approval-requests`,
    dedupeKey: `approval:${row.id}:stage:${row.currentStage}`,
  }, now);
}
