import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { notifications } from "@/lib/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { notFound } from "@/lib/domain/errors";
import { UpdateNotificationInput, type Notification } from "@/lib/domain/notifications";
import { orgContext } from "../access/org-context";
import { toNotification } from "./to-notification";

// Read state is the reader's own bookkeeping, not a change to the organization's data, so it is
// not written to the org's audit log (it would drown the events that matter).

/** Marks one of the caller's notifications read or unread; someone else's is a 404. */
export async function updateNotification(principal: Principal, slug: string, id: string, rawInput: UpdateNotificationInput): Promise<Notification> {
  const input = UpdateNotificationInput.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const [row] = await db
    .update(notifications)
    .set({ readAt: input.read ? new Date() : null })
    .where(and(eq(notifications.orgId, orgId), eq(notifications.userId, principal.userId), eq(notifications.id, id)))
    .returning();
  if (!row) throw notFound("notification");
  return toNotification(row);
}

/** Marks all of the caller's unread notifications in this org read; returns how many changed. */
export async function markAllNotificationsRead(principal: Principal, slug: string): Promise<{ updated: number }> {
  const { db, orgId } = await orgContext(principal, slug, "org.read");
  const rows = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.orgId, orgId), eq(notifications.userId, principal.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
