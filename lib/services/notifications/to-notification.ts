import "server-only";
import type { notifications } from "@/lib/db/schema";
import type { Notification } from "@/lib/domain/notifications";

export function toNotification(row: typeof notifications.$inferSelect): Notification {
  return {
    id: row.id,
    category: row.category,
    titleKey: row.titleKey,
    bodyKey: row.bodyKey,
    params: row.params ?? {},
    link: row.link,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}
