import "server-only";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { quotaRequests } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { QuotaRequestQuery } from "@/lib/domain/catalog-api";
import type { QuotaRequest } from "@/lib/domain/quotas";
import { orgContext } from "../access/org-context";
import { toQuotaRequest } from "./to-quota-request";

export interface QuotaRequestPage {
  items: QuotaRequest[];
  /** The id of the last item when there are more; the API layer turns it into a cursor. */
  nextAfterId: string | null;
}

/** The org's quota requests, newest first, keyset-paginated on the time-sortable id. */
export async function listQuotaRequests(principal: Principal, slug: string, rawQuery: QuotaRequestQuery, page: { limit: number; beforeId?: string }): Promise<QuotaRequestPage> {
  const query = QuotaRequestQuery.parse(rawQuery);
  const { db, orgId } = await orgContext(principal, slug, "quotas.read");
  const conditions: SQL[] = [eq(quotaRequests.orgId, orgId)];
  if (query.status) conditions.push(eq(quotaRequests.status, query.status));
  if (page.beforeId) conditions.push(lt(quotaRequests.id, page.beforeId));
  const rows = await db
    .select()
    .from(quotaRequests)
    .where(and(...conditions))
    .orderBy(desc(quotaRequests.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit).map(toQuotaRequest);
  return { items, nextAfterId: rows.length > page.limit ? items[items.length - 1].id : null };
}
