import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { approvalPolicies } from "@/lib/db/schema";
import { applicablePolicy, type ApprovalAction, type ApprovalPolicy } from "@/lib/domain/approvals";
import { toApprovalPolicy } from "./approval-records";

// THE one question every order asks before it is recorded: does a 稟議 rule apply to this action
// at this estimated monthly amount (yen, excl. tax, at the org's contract prices)? Cluster and
// endpoint create and scale-up (and later reservations) call this one function; null means
// nothing changes for anyone.

export async function approvalPolicyFor(db: DbOrTx, orgId: string, action: ApprovalAction, monthlyJpy: number): Promise<ApprovalPolicy | null> {
  const rows = await db.select().from(approvalPolicies).where(eq(approvalPolicies.orgId, orgId));
  const policy = applicablePolicy(rows.map(toApprovalPolicy), action, monthlyJpy);
  return policy;
}
