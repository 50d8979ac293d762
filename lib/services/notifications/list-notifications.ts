import "server-only";
import { and, count, desc, eq, isNull, lt, notInArray, type SQL } from "drizzle-orm";
import { notifications } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import type { Notification } from "@/lib/domain/notifications";
import { SPEND_CATEGORIES } from "@/lib/domain/notification-routing";
import { orgContext } from "../access/org-context";
import { toNotification } from "./to-notification";

export interface NotificationList {
  items: Notification[];
  /** The id of the last item when there are more; the API layer turns it into a cursor. */
  nextAfterId: string | null;
  unreadCount: number;
}

/** The caller's own notifications in this org, newest first (keyset on the time-sortable id). */
export async function listNotifications(principal: Principal, slug: string, page: { limit: number; beforeId?: string; unread?: boolean }): Promise<NotificationList> {
  const { db, orgId, access } = await orgContext(principal, slug, "org.read");
  // Budget and invoice news went to roles that see spend; after a change of role it is no
  // longer theirs to read (billing.read, the permission table).
  const seesSpend = access.permissions.includes("billing.read");
  const mine = and(
    eq(notifications.orgId, orgId),
    eq(notifications.userId, principal.userId),
    seesSpend ? undefined : notInArray(notifications.category, [...SPEND_CATEGORIES]),
  );
  const where: (SQL | undefined)[] = [mine];
  if (page.unread) where.push(isNull(notifications.readAt));
  if (page.beforeId) where.push(lt(notifications.id, page.beforeId));
  const rows = await db.select().from(notifications).where(and(...where)).orderBy(desc(notifications.id)).limit(page.limit + 1);
  const [unread] = await db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
  const items = rows.slice(0, page.limit);
  return { items: items.map(toNotification), nextAfterId: rows.length > page.limit ? items[items.length - 1].id : null, unreadCount: Number(unread?.n ?? 0) };
}
