import "server-only";
import { and, asc, desc, eq, gt, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { approvalRequests, orgs, staffAssignments } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { StaffApprovalRequestQuery, type StaffApprovalRequest } from "@/lib/domain/staff-approvals";
import { requireStaff } from "./require-staff";
import { staffApprovalViews } from "./staff-approval-view";

export interface StaffApprovalPage {
  items: StaffApprovalRequest[];
  nextAfterId: string | null;
}

/**
 * The manager's large reservations: 稟議 of the accounts they look after (every org for a platform
 * admin — who decides for accounts without a manager) that carry the account manager's stage.
 * Pending ones oldest first (the longest waiting is decided first), others newest first.
 */
export async function listAccountManagerApprovals(principal: Principal, rawQuery: StaffApprovalRequestQuery, page: { limit: number; afterId?: string }, now: Date = new Date()): Promise<StaffApprovalPage> {
  const role = requireStaff(principal);
  const query = StaffApprovalRequestQuery.parse(rawQuery);
  const status = query.status ?? "pending";
  const oldestFirst = status === "pending";
  const db = await getDb();
  // The stages as recorded: one of them is the account manager's (jsonb containment).
  const conditions: SQL[] = [eq(approvalRequests.status, status), sql`${approvalRequests.stages} @> '[{"accountManager": {}}]'::jsonb`];
  if (role !== "platform_admin") {
    conditions.push(inArray(approvalRequests.orgId, db.select({ orgId: staffAssignments.orgId }).from(staffAssignments).where(eq(staffAssignments.staffUserId, principal.userId))));
  }
  if (query.org) conditions.push(eq(orgs.slug, query.org));
  if (page.afterId) conditions.push(oldestFirst ? gt(approvalRequests.id, page.afterId) : lt(approvalRequests.id, page.afterId));
  const rows = await db
    .select({ request: approvalRequests, org: orgs })
    .from(approvalRequests)
    .innerJoin(orgs, eq(orgs.id, approvalRequests.orgId))
    .where(and(...conditions))
    .orderBy(oldestFirst ? asc(approvalRequests.id) : desc(approvalRequests.id))
    .limit(page.limit + 1);
  const items = await staffApprovalViews(db, rows.slice(0, page.limit), principal.userId, now);
  return { items, nextAfterId: rows.length > page.limit ? items[items.length - 1].id : null };
}
