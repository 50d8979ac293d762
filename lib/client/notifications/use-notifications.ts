import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Notification, NotificationPage } from "@/lib/domain/notifications";
import { api, ok } from "../api";
import { unlessLive } from "../events/live-state";

export const notificationKeys = {
  list: (slug: string) => ["orgs", slug, "notifications"] as const,
};

/** The latest notifications and the unread count, refreshed every `pollMs`. */
export function useNotifications(slug: string, options: { enabled: boolean; pollMs?: number }) {
  return useQuery({
    queryKey: notificationKeys.list(slug),
    queryFn: ({ signal }) => ok<NotificationPage>(api.GET("/api/v1/orgs/{org}/notifications", { params: { path: { org: slug }, query: { limit: 20 } }, signal })),
    enabled: options.enabled,
    refetchInterval: () => unlessLive(options.pollMs ?? 30_000),
  });
}

export function useMarkNotificationRead(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => ok<Notification>(api.PATCH("/api/v1/orgs/{org}/notifications/{id}", { params: { path: { org: slug, id } }, body: { read: true } })),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.list(slug) }),
  });
}

export function useMarkAllNotificationsRead(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => ok<{ updated: number }>(api.POST("/api/v1/orgs/{org}/notifications/read-all", { params: { path: { org: slug } } })),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.list(slug) }),
  });
}
