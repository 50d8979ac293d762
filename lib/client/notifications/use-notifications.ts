import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { Notification, NotificationPage } from "@/lib/domain/notifications";
import { apiFetch } from "../api-fetch";
import { unlessLive } from "../events/live-state";

export const notificationKeys = {
  list: (slug: string) => ["orgs", slug, "notifications"] as const,
};

const base = (slug: string) => `/api/v1/orgs/${encodeURIComponent(slug)}/notifications`;

/** The latest notifications and the unread count, refreshed every `pollMs`. */
export function useNotifications(slug: string, options: { enabled: boolean; pollMs?: number }) {
  return useQuery({
    queryKey: notificationKeys.list(slug),
    queryFn: ({ signal }) => apiFetch<NotificationPage>(`${base(slug)}?limit=20`, { signal }),
    enabled: options.enabled,
    refetchInterval: () => unlessLive(options.pollMs ?? 30_000),
  });
}

export function useMarkNotificationRead(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<Notification>(`${base(slug)}/${encodeURIComponent(id)}`, { method: "PATCH", body: { read: true } }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.list(slug) }),
  });
}

export function useMarkAllNotificationsRead(slug: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ updated: number }>(`${base(slug)}/read-all`, { method: "POST" }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.list(slug) }),
  });
}
