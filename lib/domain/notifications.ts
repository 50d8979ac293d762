import { z } from "zod";
import { ListQuery, Timestamp } from "./common";

// The bell: what happened that matters to this person. Title and body are message keys (the
// reader's language renders them), with parameters; `link` is a console path.

export const NOTIFICATION_CATEGORIES = ["budget", "invoice", "operation", "quota", "attestation", "member", "reservation", "approval"] as const;
export const NotificationCategory = z.enum(NOTIFICATION_CATEGORIES);
export type NotificationCategory = z.infer<typeof NotificationCategory>;

export const Notification = z.object({
  id: z.string(),
  category: z.string(),
  titleKey: z.string(),
  bodyKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string().nullable(),
  readAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Notification = z.infer<typeof Notification>;

export const NotificationListQuery = ListQuery.extend({
  unread: z.enum(["true", "false"]).optional().transform((v) => v === "true"),
});

export const NotificationPage = z.object({ items: z.array(Notification), nextCursor: z.string().nullable(), unreadCount: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const UpdateNotificationInput = z.object({ read: z.boolean() });
export type UpdateNotificationInput = z.infer<typeof UpdateNotificationInput>;
