import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { decodeCursor, encodeCursor } from "@/lib/api/pagination";
import { NotificationListQuery } from "@/lib/domain/notifications";
import { listNotifications } from "@/lib/services/notifications/list-notifications";

export const GET = apiRoute({ params: OrgParams, query: NotificationListQuery }, async ({ principal, params, query }) => {
  const after = decodeCursor<{ id: string }>(query.cursor, ["id"]);
  const page = await listNotifications(principal, params.org, { limit: query.limit, unread: query.unread, beforeId: after ? String(after.id) : undefined });
  return ok({ items: page.items, nextCursor: page.nextAfterId ? encodeCursor({ id: page.nextAfterId }) : null, unreadCount: page.unreadCount });
});
