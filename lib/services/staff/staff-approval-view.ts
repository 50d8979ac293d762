import "server-only";
import type { Db, DbOrTx } from "@/lib/db/client";
import type { orgs } from "@/lib/db/schema";
import type { StaffApprovalRequest } from "@/lib/domain/staff-approvals";
import { decisionContext, decisionsOf, toApprovalRequest, type ApprovalRequestRow } from "../approvals/approval-request-records";

// A 稟議 with the account manager's stage as the staff console shows it: the customer's view of
// the request (stages, decisions, the order) plus the account, the contract threshold, and whether
// the manager's stage is the one awaited — which is exactly when the viewing staff member may decide.

type OrgRow = typeof orgs.$inferSelect;

export function awaitsAccountManager(row: ApprovalRequestRow, now: Date): boolean {
  return row.status === "pending" && row.expiresAt.getTime() > now.getTime() && Boolean(row.stages[row.currentStage]?.accountManager);
}

export async function staffApprovalViews(db: Db | DbOrTx, rows: { request: ApprovalRequestRow; org: OrgRow }[], staffUserId: string, now: Date): Promise<StaffApprovalRequest[]> {
  const out: StaffApprovalRequest[] = [];
  const byOrg = new Map<string, { request: ApprovalRequestRow; org: OrgRow }[]>();
  for (const r of rows) byOrg.set(r.org.id, [...(byOrg.get(r.org.id) ?? []), r]);
  const views = new Map<string, StaffApprovalRequest>();
  for (const [orgId, group] of byOrg) {
    const [ctx, decisions] = await Promise.all([decisionContext(db, orgId, now), decisionsOf(db, orgId, group.map((g) => g.request.id))]);
    for (const { request, org } of group) {
      const view = toApprovalRequest(request, decisions.get(request.id) ?? [], { userId: staffUserId, ctx });
      const awaits = awaitsAccountManager(request, now);
      views.set(request.id, {
        ...view,
        viewer: { canDecide: awaits, decidesOnBehalfOf: null, decidesOnBehalfOfName: null, canWithdraw: false },
        org: { slug: org.slug, legalNameJa: org.legalNameJa, legalNameEn: org.legalNameEn },
        thresholdJpy: request.stages.find((s) => s.accountManager)?.accountManager?.thresholdJpy ?? 0,
        awaitsAccountManager: awaits,
      });
    }
  }
  for (const r of rows) out.push(views.get(r.request.id)!);
  return out;
}
