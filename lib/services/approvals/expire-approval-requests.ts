import "server-only";
import { and, eq, inArray, lte } from "drizzle-orm";
import { systemPrincipal } from "@/lib/auth/principal";
import type { Db } from "@/lib/db/client";
import { approvalRequests, orgs } from "@/lib/db/schema";
import { recordAudit } from "../audit/record";
import { noticeToRequester } from "./approval-notices";

// 期限切れ: a request not decided within its rule's days expires. Written by the background task
// only (reads never write: a request past its deadline already refuses decisions, and shows as
// awaiting nothing, before this round marks it). Each row is taken by a guarded update, so a
// second runner marks and notifies nothing twice.

export async function expireApprovalRequests(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.status, "pending"), lte(approvalRequests.expiresAt, now)))
    .limit(100);
  let expired = 0;
  for (const { id } of due) {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(approvalRequests)
        .set({ status: "expired", finishedAt: now, updatedAt: now })
        .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, "pending"), lte(approvalRequests.expiresAt, now)))
        .returning();
      if (!row) return;
      expired++;
      const [org] = await tx.select({ slug: orgs.slug }).from(orgs).where(inArray(orgs.id, [row.orgId]));
      await recordAudit(tx, systemPrincipal(), row.orgId, { action: "approval_request.expire", targetType: "approval_request", targetId: row.id, data: { stageIndex: row.currentStage, expiresAt: row.expiresAt.toISOString() } });
      await noticeToRequester(tx, row, org.slug, "approvalExpired", {}, now);
    });
  }
  return expired;
}
