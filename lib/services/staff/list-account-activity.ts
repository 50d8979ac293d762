import "server-only";
import { and, desc, eq, isNull, lt, type SQL } from "drizzle-orm";
import { auditEvents } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { AuditEvent } from "@/lib/domain/audit";
import type { AccountActivity } from "@/lib/domain/staff";
import { staffAccountAccess } from "./staff-account-access";

export interface AccountActivityPage {
  items: AccountActivity[];
  nextAfterId: string | null;
}

type Row = typeof auditEvents.$inferSelect;

function toActivity(r: Row): AccountActivity {
  return {
    id: r.id,
    action: r.action,
    actor: { type: r.actorType as AuditEvent["actor"]["type"], id: r.actorId, name: r.actorName },
    target: { type: r.targetType, id: r.targetId },
    data: r.data ?? null,
    ip: r.ip,
    requestId: r.requestId,
    createdAt: r.createdAt.toISOString(),
    log: r.orgId === null ? "staff" : "customer",
  };
}

/**
 * The account's timeline: its own audit log (what the customer's people, tokens and staff did
 * there) merged with the staff log's entries about the account (notes, contract changes).
 * Newest first; both sources are read by keyset on the time-sortable id and merged.
 */
export async function listAccountActivity(principal: Principal, slug: string, page: { limit: number; beforeId?: string; action?: string }): Promise<AccountActivityPage> {
  const { db, org } = await staffAccountAccess(principal, slug);
  const before: SQL[] = page.beforeId ? [lt(auditEvents.id, page.beforeId)] : [];
  const customer = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.orgId, org.id), ...before))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const staff = await db
    .select()
    .from(auditEvents)
    .where(and(isNull(auditEvents.orgId), eq(auditEvents.targetType, "org"), eq(auditEvents.targetId, org.id), ...before))
    .orderBy(desc(auditEvents.id))
    .limit(page.limit + 1);
  const merged = [...customer, ...staff].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items = merged.slice(0, page.limit).map(toActivity);
  return { items, nextAfterId: merged.length > page.limit ? items[items.length - 1].id : null };
}
