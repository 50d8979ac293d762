import "server-only";
import { and, asc, desc, eq, gt, inArray, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/db/client";
import { orgs, quotaRequests, staffAssignments, users } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { StaffQuotaRequestQuery, type StaffQuotaRequest } from "@/lib/domain/staff";
import { toQuotaRequest } from "../quota-requests/to-quota-request";
import { requireStaff } from "./require-staff";

export interface StaffQuotaRequestPage {
  items: StaffQuotaRequest[];
  nextAfterId: string | null;
}

const requester = alias(users, "requester");
const decider = alias(users, "decider");

/**
 * The manager's queue: quota requests of the accounts they look after (every org for a platform
 * admin). Pending requests come oldest first — the one waiting longest is decided first; decided
 * ones newest first. Keyset on the time-sortable id.
 */
export async function listQuotaQueue(principal: Principal, rawQuery: StaffQuotaRequestQuery, page: { limit: number; afterId?: string }): Promise<StaffQuotaRequestPage> {
  const role = requireStaff(principal);
  const query = StaffQuotaRequestQuery.parse(rawQuery);
  const status = query.status ?? "pending";
  const oldestFirst = status === "pending";
  const db = await getDb();
  const conditions: SQL[] = [eq(quotaRequests.status, status)];
  if (role !== "platform_admin") {
    conditions.push(inArray(quotaRequests.orgId, db.select({ orgId: staffAssignments.orgId }).from(staffAssignments).where(eq(staffAssignments.staffUserId, principal.userId))));
  }
  if (query.org) conditions.push(eq(orgs.slug, query.org));
  if (page.afterId) conditions.push(oldestFirst ? gt(quotaRequests.id, page.afterId) : lt(quotaRequests.id, page.afterId));
  const rows = await db
    .select({ request: quotaRequests, org: orgs, requestedByName: requester.name, decidedByName: decider.name })
    .from(quotaRequests)
    .innerJoin(orgs, eq(orgs.id, quotaRequests.orgId))
    .leftJoin(requester, eq(requester.id, quotaRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, quotaRequests.decidedBy))
    .where(and(...conditions))
    .orderBy(oldestFirst ? asc(quotaRequests.id) : desc(quotaRequests.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(
    (r): StaffQuotaRequest => ({
      ...toQuotaRequest(r.request),
      org: { slug: r.org.slug, legalNameJa: r.org.legalNameJa, legalNameEn: r.org.legalNameEn },
      requestedByName: r.requestedByName ?? null,
      decidedByName: r.decidedByName ?? null,
    }),
  );
  return { items, nextAfterId: rows.length > page.limit ? items[items.length - 1].id : null };
}
