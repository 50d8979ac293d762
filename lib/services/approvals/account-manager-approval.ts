import "server-only";
import { and, eq, isNotNull } from "drizzle-orm";
import { loadContracts } from "@/lib/billing/contracts";
import type { DbOrTx } from "@/lib/db/client";
import { staffAssignments, users } from "@/lib/db/schema";
import { accountManagerApprovalAbove, contractOn, jstDateOf } from "@/lib/domain/billing";
import { accountManagerStage } from "@/lib/domain/approvals";
import { approvalPolicyFor } from "./approval-check";
import type { HoldingPolicy } from "./request-approval";

// The contract may require the account manager's approval of large reservations
// (Contract.reservationApprovalAboveJpy): a reservation whose total commitment exceeds it is held
// through the same 稟議 as a rule would hold it, with the account manager's stage after the rule's
// stages (or alone). Who decides that stage: the managers assigned to the org; an org without one
// is decided by the platform admins (who may always step in, as for every staff action).

/** A request not decided within this many days expires when no rule of the org says otherwise. */
const DEFAULT_EXPIRES_AFTER_DAYS = 14;

/**
 * What holds a reservation order: the org's 稟議 rule for this monthly amount, with the account
 * manager's stage appended when the total commitment exceeds the contract's threshold — under the
 * contract in force on the term's first day (the one that prices it). Null: nothing holds it.
 */
export async function reservationHold(db: DbOrTx, orgId: string, amounts: { monthlyJpy: number; totalCommitmentJpy: number }, startsAt: Date): Promise<HoldingPolicy | null> {
  const policy = await approvalPolicyFor(db, orgId, "reservation.create", amounts.monthlyJpy);
  const threshold = await accountManagerThreshold(db, orgId, amounts.totalCommitmentJpy, startsAt);
  if (threshold === null) return policy;
  return {
    id: policy?.id ?? null,
    name: policy?.name ?? "",
    expiresAfterDays: policy?.expiresAfterDays ?? DEFAULT_EXPIRES_AFTER_DAYS,
    stages: [...(policy?.stages ?? []), accountManagerStage(threshold)],
  };
}

/** The contract's threshold when this total commitment exceeds it (the quote says so before ordering), else null. */
export async function accountManagerThreshold(db: DbOrTx, orgId: string, totalCommitmentJpy: number, startsAt: Date): Promise<number | null> {
  return accountManagerApprovalAbove(contractOn(await loadContracts(db, orgId), jstDateOf(startsAt)), totalCommitmentJpy);
}

/** Who decides the account manager's stage for this org: its assigned managers, else every platform admin. */
export async function accountManagerDeciders(db: DbOrTx, orgId: string): Promise<string[]> {
  const assigned = await db
    .select({ userId: staffAssignments.staffUserId })
    .from(staffAssignments)
    .innerJoin(users, eq(users.id, staffAssignments.staffUserId))
    .where(and(eq(staffAssignments.orgId, orgId), isNotNull(users.staffRole)));
  if (assigned.length > 0) return assigned.map((a) => a.userId);
  const admins = await db.select({ userId: users.id }).from(users).where(eq(users.staffRole, "platform_admin"));
  return admins.map((a) => a.userId);
}
