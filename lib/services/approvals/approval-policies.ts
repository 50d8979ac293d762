import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { approvalPolicies } from "@/lib/db/schema";
import { CreateApprovalPolicyInput, UpdateApprovalPolicyInput, type ApprovalPolicy } from "@/lib/domain/approvals";
import { notFound } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertMembers, namedApprovers, toApprovalPolicy } from "./approval-records";

// 稟議ルール: read by every member (a wizard says before submit that an order will need
// approval), set by owners and admins, every change audited with what it was before.

export async function listApprovalPolicies(principal: Principal, slug: string): Promise<ApprovalPolicy[]> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const rows = await db.select().from(approvalPolicies).where(eq(approvalPolicies.orgId, orgId)).orderBy(asc(approvalPolicies.thresholdMonthlyJpy), asc(approvalPolicies.id));
  return rows.map(toApprovalPolicy);
}

export async function getApprovalPolicy(principal: Principal, slug: string, id: string): Promise<ApprovalPolicy> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const [row] = await db.select().from(approvalPolicies).where(and(eq(approvalPolicies.orgId, orgId), eq(approvalPolicies.id, id)));
  if (!row) throw notFound("approval policy");
  return toApprovalPolicy(row);
}

export async function createApprovalPolicy(principal: Principal, slug: string, raw: CreateApprovalPolicyInput, now: Date = new Date()): Promise<ApprovalPolicy> {
  const input = CreateApprovalPolicyInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "org.write");
  await assertMembers(db, orgId, namedApprovers(input.stages), "stages");
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(approvalPolicies)
      .values({ id: newId("approvalPolicy", now.getTime()), orgId, ...input, createdBy: principal.email, createdAt: now, updatedAt: now })
      .returning();
    await recordAudit(tx, principal, orgId, { action: "approval_policy.create", targetType: "approval_policy", targetId: created.id, data: { ...input } });
    return created;
  });
  return toApprovalPolicy(row);
}

export async function updateApprovalPolicy(principal: Principal, slug: string, id: string, raw: UpdateApprovalPolicyInput, now: Date = new Date()): Promise<ApprovalPolicy> {
  const input = UpdateApprovalPolicyInput.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "org.write");
  if (input.stages) await assertMembers(db, orgId, namedApprovers(input.stages), "stages");
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(approvalPolicies).where(and(eq(approvalPolicies.orgId, orgId), eq(approvalPolicies.id, id))).for("update");
    if (!before) throw notFound("approval policy");
    const change = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [after] = await tx.update(approvalPolicies).set({ ...change, updatedAt: now }).where(and(eq(approvalPolicies.orgId, orgId), eq(approvalPolicies.id, id))).returning();
    await recordAudit(tx, principal, orgId, {
      action: "approval_policy.update",
      targetType: "approval_policy",
      targetId: id,
      data: { before: toApprovalPolicy(before), after: toApprovalPolicy(after) },
    });
    return after;
  });
  return toApprovalPolicy(row);
}

/** Removing a rule stops new 稟議 under it; requests already made keep the stages they were made with. */
export async function deleteApprovalPolicy(principal: Principal, slug: string, id: string): Promise<void> {
  const { db, orgId } = await orgContext(principal, slug, "org.write");
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(approvalPolicies).where(and(eq(approvalPolicies.orgId, orgId), eq(approvalPolicies.id, id))).returning();
    if (!row) throw notFound("approval policy");
    await recordAudit(tx, principal, orgId, { action: "approval_policy.delete", targetType: "approval_policy", targetId: id, data: { before: toApprovalPolicy(row) } });
  });
}
