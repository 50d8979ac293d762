"use client";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Check } from "lucide-react";
import { cn } from "@/components/ui/cn";
import { useOrg } from "@/components/shell/org-context";
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from "@/lib/client/notifications/use-notifications";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { Notification } from "@/lib/domain/notifications";
import { formatDateTime, formatRelative } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { formatNotificationParams } from "./format-params";
import { BELL_TRIGGER, BellFace, bellLabel } from "./notification-bell";

/** The bell's popover: the latest notifications, mark read, follow the link (loaded on intent, see ./notification-bell.tsx). */
export function NotificationPopover({ defaultOpen }: { defaultOpen?: boolean }) {
  const { slug, via } = useOrg();
  const t = useTranslations("notifications");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const [open, setOpen] = useState(defaultOpen ?? false);
  // Provider staff looking into an org have no notifications there (and each read is audited).
  const enabled = via === "member";
  const list = useNotifications(slug, { enabled, pollMs: open ? 10_000 : 30_000 });
  const markRead = useMarkNotificationRead(slug);
  const markAll = useMarkAllNotificationsRead(slug);
  if (!enabled) return null;
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.items ?? [];

  const text = (n: Notification, part: "title" | "body") => {
    const key = `messages.${part === "title" ? n.titleKey : n.bodyKey}`;
    // An event kind this build does not know yet still shows something readable.
    if (!t.has(key as "title")) return part === "title" ? t("fallbackTitle") : "";
    return t(key as "title", formatNotificationParams(n.params, locale));
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger className={BELL_TRIGGER} aria-label={bellLabel(t, unread)} data-testid="notification-bell">
        <BellFace unread={unread} />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content align="end" sideOffset={8} className="z-50 w-96 max-w-[calc(100vw-1rem)] rounded-lg border border-line bg-white shadow-xl focus:outline-none">
          <div className="flex items-center justify-between border-b border-line px-4 py-3">
            <h2 className="text-sm font-semibold text-ink">{t("title")}</h2>
            <button
              type="button"
              className="text-xs font-medium text-brand-700 hover:underline disabled:text-muted disabled:no-underline"
              disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}
            >
              {t("markAllRead")}
            </button>
          </div>
          {list.isLoading ? (
            <p className="px-4 py-6 text-sm text-muted">{t("loading")}</p>
          ) : list.error ? (
            <p role="alert" className="px-4 py-6 text-sm text-red-800">
              {errorMessage(list.error)}
            </p>
          ) : items.length === 0 ? (
            <p className="px-4 py-6 text-sm text-muted">{t("empty")}</p>
          ) : (
            <ul className="max-h-[60vh] divide-y divide-line overflow-y-auto" aria-label={t("title")}>
              {items.map((n) => (
                <li key={n.id} className={cn("flex gap-3 px-4 py-3", !n.readAt && "bg-brand-50/60")} data-testid="notification-item">
                  <span aria-hidden className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.readAt ? "bg-transparent" : "bg-brand-600")} />
                  <div className="min-w-0 flex-1 space-y-1">
                    {n.link ? (
                      <Link
                        href={n.link}
                        className="block text-sm font-medium text-ink hover:underline"
                        onClick={() => {
                          if (!n.readAt) markRead.mutate(n.id);
                          setOpen(false);
                        }}
                      >
                        {text(n, "title")}
                      </Link>
                    ) : (
                      <p className="text-sm font-medium text-ink">{text(n, "title")}</p>
                    )}
                    {text(n, "body") ? <p className="text-xs leading-relaxed text-muted">{text(n, "body")}</p> : null}
                    <p className="text-xs text-muted" title={formatDateTime(n.createdAt, locale)}>
                      {!n.readAt ? <span className="sr-only">{t("unread")} · </span> : null}
                      {formatRelative(n.createdAt, locale)}
                    </p>
                  </div>
                  {!n.readAt ? (
                    <button
                      type="button"
                      className="self-start rounded p-1 text-muted hover:bg-black/5 hover:text-ink"
                      aria-label={t("markRead")}
                      title={t("markRead")}
                      onClick={() => markRead.mutate(n.id)}
                    >
                      <Check className="size-4" aria-hidden />
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
