import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { approvalDelegations, approvalPolicies, memberships, users } from "@/lib/db/schema";
import { delegationWindow, type ApprovalDelegation, type ApprovalPolicy, type ApprovalStage } from "@/lib/domain/approvals";
import { AppError } from "@/lib/domain/errors";

// Rows of 稟議 rules and delegations, and their API shapes. Loaded by (org, id).

export type ApprovalPolicyRow = typeof approvalPolicies.$inferSelect;
export type ApprovalDelegationRow = typeof approvalDelegations.$inferSelect;

export function toApprovalPolicy(row: ApprovalPolicyRow): ApprovalPolicy {
  return {
    id: row.id,
    name: row.name,
    actions: row.actions,
    thresholdMonthlyJpy: row.thresholdMonthlyJpy,
    stages: row.stages,
    expiresAfterDays: row.expiresAfterDays,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toApprovalDelegation(row: ApprovalDelegationRow, names: ReadonlyMap<string, string>): ApprovalDelegation {
  const { startsAt, endsAt } = delegationWindow(row);
  return {
    id: row.id,
    delegatorUserId: row.delegatorUserId,
    delegatorName: names.get(row.delegatorUserId) ?? null,
    delegateUserId: row.delegateUserId,
    delegateName: names.get(row.delegateUserId) ?? null,
    fromDate: row.fromDate,
    toDate: row.toDate,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    reason: row.reason,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function userNames(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Named approvers and delegation parties must be members of the org (a 400 naming the field otherwise). */
export async function assertMembers(db: DbOrTx, orgId: string, userIds: readonly string[], field: string): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  const found = await db.select({ userId: memberships.userId }).from(memberships).where(and(eq(memberships.orgId, orgId), inArray(memberships.userId, unique)));
  const missing = unique.filter((id) => !found.some((f) => f.userId === id));
  if (missing.length) throw new AppError("validation_failed", "approvers must be members of the organization", { field, userIds: missing });
}

export const namedApprovers = (stages: readonly ApprovalStage[]) => stages.flatMap((s) => s.approvers.userIds);
