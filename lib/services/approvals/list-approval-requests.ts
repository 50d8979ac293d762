import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { approvalRequests } from "@/lib/db/schema";
import { ApprovalRequestListQuery, type ApprovalRequest } from "@/lib/domain/approval-requests";
import { decodeCursor, toPage } from "@/lib/domain/cursor";
import { notFound } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { loadCostCenter } from "../cost-centers/cost-center-records";
import { renderRingiPdf } from "./render-ringi-pdf";
import { approvalRequestView, decisionContext, decisionsOf, loadApprovalRequestRow, rightToDecide, toApprovalRequest } from "./approval-request-records";

// Reading 稟議: every member sees the org's requests (orders are visible like the clusters they
// create); "mine" are the caller's own, "to_decide" those awaiting the caller's decision now (as
// approver or as an active delegate). Reads never write: a request past its deadline shows what
// it is (no one may decide it) until the background task marks it expired.

export async function listApprovalRequests(principal: Principal, slug: string, rawQuery: unknown, now: Date = new Date()): Promise<{ items: ApprovalRequest[]; nextCursor: string | null }> {
  const query = ApprovalRequestListQuery.parse(rawQuery ?? {});
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const after = decodeCursor<{ id: string }>(query.cursor, ["id"]);
  const ctx = await decisionContext(db, orgId, now);
  const status = query.view === "to_decide" ? "pending" : query.status;
  const rows = await db
    .select()
    .from(approvalRequests)
    .where(
      and(
        eq(approvalRequests.orgId, orgId),
        status ? eq(approvalRequests.status, status) : undefined,
        query.view === "mine" ? eq(approvalRequests.requesterUserId, principal.userId) : undefined,
        after ? lt(approvalRequests.id, after.id) : undefined,
      ),
    )
    .orderBy(desc(approvalRequests.id))
    .limit(query.view === "to_decide" ? 500 : query.limit + 1);
  const visible = query.view === "to_decide" ? rows.filter((r) => rightToDecide(r, principal.userId, ctx)).slice(0, query.limit + 1) : rows;
  const page = toPage(visible, query.limit, (r) => ({ id: r.id }));
  const decisions = await decisionsOf(db, orgId, page.items.map((r) => r.id));
  return { items: page.items.map((r) => toApprovalRequest(r, decisions.get(r.id) ?? [], { userId: principal.userId, ctx })), nextCursor: page.nextCursor };
}

export async function getApprovalRequest(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<ApprovalRequest> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const row = await loadApprovalRequestRow(db, orgId, id);
  if (!row) throw notFound("approval request");
  return approvalRequestView(db, row, principal.userId, now);
}

/** 稟議書 PDF of one request (any member who may read it), with the cost center's name. */
export async function getApprovalRequestPdf(principal: Principal, slug: string, id: string, now: Date = new Date()): Promise<{ body: Buffer; filename: string; contentType: string }> {
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  const row = await loadApprovalRequestRow(db, orgId, id);
  if (!row) throw notFound("approval request");
  const view = await approvalRequestView(db, row, principal.userId, now);
  const center = row.costCenterId ? await loadCostCenter(db, orgId, row.costCenterId).catch(() => null) : null;
  const body = await renderRingiPdf(view, { orgName: access.org.legalNameJa, costCenterLabel: center ? `${center.code} ${center.nameJa}` : null, printedAt: now });
  return { body, filename: `ringi-${row.id}.pdf`, contentType: "application/pdf" };
}
