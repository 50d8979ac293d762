import "server-only";
import { and, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import { auditEvents } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { AuditQuery, type AuditEvent } from "@/lib/domain/audit";
import { withoutYenAmounts } from "@/lib/domain/yen-amounts";
import { encodeCursor, type Page } from "@/lib/domain/cursor";

import { orgContext } from "../access/org-context";

export interface AuditPage {
  items: AuditEvent[];
  /** The id of the last item when there are more; the API layer turns it into a cursor. */
  nextAfterId: string | null;
}

/** The page as the API and the console's first HTML show it: the next page's cursor instead of the last id. */
export function auditEventsPage(page: AuditPage): Page<AuditEvent> {
  return { items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null };
}

/** The filter text matches literally: LIKE's wildcards in it are escaped. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, "\\$&");
}

/** Newest first, keyset-paginated on the (time-sortable) id, filterable by actor, action, date. */
export async function listAuditEvents(principal: Principal, slug: string, rawFilter: AuditQuery, page: { limit: number; beforeId?: string }): Promise<AuditPage> {
  const filter = AuditQuery.parse(rawFilter);
  const { db, orgId, access } = await orgContext(principal, slug, "audit.read");
  // Entries about money (invoices, budgets, contracts) keep their amounts for billing.read only.
  const seesSpend = access.permissions.includes("billing.read");
  const conditions: SQL[] = [eq(auditEvents.orgId, orgId)];
  if (filter.action) conditions.push(ilike(auditEvents.action, `${escapeLike(filter.action)}%`));
  if (filter.actor) {
    const pattern = `%${escapeLike(filter.actor)}%`;
    conditions.push(or(ilike(auditEvents.actorName, pattern), eq(auditEvents.actorId, filter.actor))!);
  }
  if (filter.from) conditions.push(gte(auditEvents.createdAt, new Date(filter.from)));
  if (filter.to) conditions.push(lt(auditEvents.createdAt, new Date(filter.to)));
  if (page.beforeId) conditions.push(lt(auditEvents.id, page.beforeId));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map(
    (r): AuditEvent => ({
      id: r.id,
      action: r.action,
      actor: { type: r.actorType as AuditEvent["actor"]["type"], id: r.actorId, name: r.actorName },
      target: { type: r.targetType, id: r.targetId },
      data: (seesSpend ? r.data : withoutYenAmounts(r.data)) ?? null,
      ip: r.ip,
      requestId: r.requestId,
      createdAt: r.createdAt.toISOString(),
    }),
  );
  return { items, nextAfterId: more ? items[items.length - 1].id : null };
}

