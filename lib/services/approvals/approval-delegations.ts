import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { approvalDelegations } from "@/lib/db/schema";
import { CreateApprovalDelegationInput, type ApprovalDelegation } from "@/lib/domain/approvals";
import { AppError, notFound } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertMembers, toApprovalDelegation, userNames } from "./approval-records";

// 代理承認: an approver names a delegate for a period of JST days (owners and admins may set one
// up for anyone). Revoked, never deleted: decisions taken under it keep showing whose authority they used.

export async function listApprovalDelegations(principal: Principal, slug: string): Promise<ApprovalDelegation[]> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const rows = await db.select().from(approvalDelegations).where(eq(approvalDelegations.orgId, orgId)).orderBy(desc(approvalDelegations.id));
  const names = await userNames(db, rows.flatMap((r) => [r.delegatorUserId, r.delegateUserId]));
  return rows.map((r) => toApprovalDelegation(r, names));
}

export async function createApprovalDelegation(principal: Principal, slug: string, raw: CreateApprovalDelegationInput, now: Date = new Date()): Promise<ApprovalDelegation> {
  const input = CreateApprovalDelegationInput.parse(raw);
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  const delegatorUserId = input.delegatorUserId ?? principal.userId;
  if (delegatorUserId !== principal.userId && !access.permissions.includes("org.write")) {
    throw new AppError("forbidden", "only owners and admins may set up a delegation for someone else", { permission: "org.write" });
  }
  if (delegatorUserId === input.delegateUserId) throw new AppError("validation_failed", "a delegate must be someone else", { field: "delegateUserId" });
  await assertMembers(db, orgId, [delegatorUserId, input.delegateUserId], "delegateUserId");
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(approvalDelegations)
      .values({ id: newId("approvalDelegation", now.getTime()), orgId, delegatorUserId, delegateUserId: input.delegateUserId, fromDate: input.fromDate, toDate: input.toDate, reason: input.reason ?? null, createdBy: principal.email, createdAt: now })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "approval_delegation.create", targetType: "approval_delegation", targetId: created.id, data: { delegatorUserId, delegateUserId: input.delegateUserId, fromDate: input.fromDate, toDate: input.toDate } });
    return created;
  });
  return toApprovalDelegation(row, await userNames(db, [row.delegatorUserId, row.delegateUserId]));
}

export async function revokeApprovalDelegation(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<void> {
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(approvalDelegations).where(and(eq(approvalDelegations.orgId, orgId), eq(approvalDelegations.id, id))).for("update");
    if (!row) throw notFound("approval delegation");
    if (row.delegatorUserId !== principal.userId && !access.permissions.includes("org.write")) throw new AppError("forbidden", "only the delegator, owners and admins may revoke it", { permission: "org.write" });
    await tx.update(approvalDelegations).set({ revokedAt: now }).where(and(eq(approvalDelegations.orgId, orgId), eq(approvalDelegations.id, id), isNull(approvalDelegations.revokedAt)));
    await recordAudit(tx, principal, orgId, { action: "approval_delegation.revoke", targetType: "approval_delegation", targetId: id, data: { delegatorUserId: row.delegatorUserId, delegateUserId: row.delegateUserId } });
  });
}
