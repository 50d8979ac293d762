import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { memberships, notifications } from "@/lib/db/schema";
import { newId } from "@/lib/domain/ids";
import type { NotificationCategory } from "@/lib/domain/notifications";
import type { OrgRole } from "@/lib/domain/permissions";

// Writing notifications: one row per recipient, in the caller's transaction, so an event and the
// news of it commit together or not at all. The rows are the outbox: a delivery channel (e-mail,
// issue 10) reads them afterwards and never has to be told twice. A dedupe key makes a repeated
// event (a retried job, two servers racing) land once per person.

export interface NotificationMessage {
  category: NotificationCategory;
  /** Keys under notifications.messages.* in both catalogs. */
  titleKey: string;
  bodyKey: string;
  params?: Record<string, string | number>;
  /** Console path, e.g. /hinoki-motor/billing/budgets. */
  link?: string | null;
  /** The event's identity; with it, the same event reaches each person once. */
  dedupeKey?: string;
}

export interface CreatedNotification {
  id: string;
  userId: string;
}

export async function notifyUsers(db: DbOrTx, orgId: string, userIds: readonly string[], message: NotificationMessage, now: Date = new Date()): Promise<CreatedNotification[]> {
  const unique = [...new Set(userIds)].sort();
  if (unique.length === 0) return [];
  const rows = unique.map((userId) => ({
    id: newId("notification", now.getTime()),
    orgId,
    userId,
    category: message.category,
    titleKey: message.titleKey,
    bodyKey: message.bodyKey,
    params: message.params ?? {},
    link: message.link ?? null,
    dedupeKey: message.dedupeKey ?? null,
    createdAt: now,
  }));
  return db
    .insert(notifications)
    .values(rows)
    .onConflictDoNothing({ target: [notifications.userId, notifications.dedupeKey], where: sql`dedupe_key IS NOT NULL` })
    .returning({ id: notifications.id, userId: notifications.userId });
}

/** Notifies every member of the org holding one of `roles` (e.g. billing events → billing, owner). */
export async function notifyOrgRoles(db: DbOrTx, orgId: string, roles: readonly OrgRole[], message: NotificationMessage, now: Date = new Date()): Promise<CreatedNotification[]> {
  if (roles.length === 0) return [];
  const recipients = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), inArray(memberships.role, [...roles])));
  return notifyUsers(
    db,
    orgId,
    recipients.map((r) => r.userId),
    message,
    now,
  );
}
