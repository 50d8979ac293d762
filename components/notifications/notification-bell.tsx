"use client";
import { lazy, Suspense } from "react";
import { useTranslations } from "next-intl";
import { Bell } from "lucide-react";
import { useOrg } from "@/components/shell/org-context";
import { useLoadOnIntent } from "@/components/ui/use-load-on-intent";
import { useNotifications } from "@/lib/client/notifications/use-notifications";

// The bell in the console header: the unread count shows from the first paint; the popover (Radix,
// the list, mark read) is code no first paint needs, so it loads on intent.
const load = () => import("./notification-popover");
const NotificationPopover = lazy(() => load().then((m) => ({ default: m.NotificationPopover })));

export const BELL_TRIGGER =
  "relative inline-flex size-9 items-center justify-center rounded-md text-ink hover:bg-black/5 focus-visible:outline-2 focus-visible:outline-brand-500";

export function bellLabel(t: ReturnType<typeof useTranslations<"notifications">>, unread: number): string {
  return unread > 0 ? t("bellUnread", { count: unread }) : t("bell");
}

export function BellFace({ unread }: { unread: number }) {
  return (
    <>
      <Bell className="size-5" aria-hidden />
      {unread > 0 ? (
        <span aria-hidden data-testid="notification-unread-count" className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-bold leading-4 text-white">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </>
  );
}

export function NotificationBell() {
  const { slug, via } = useOrg();
  const t = useTranslations("notifications");
  // Provider staff looking into an org have no notifications there (and each read is audited).
  const enabled = via === "member";
  const { engaged, intent } = useLoadOnIntent(load);
  const list = useNotifications(slug, { enabled: enabled && !engaged, pollMs: 30_000 });
  if (!enabled) return null;
  const unread = list.data?.unreadCount ?? 0;
  const standIn = (handlers?: typeof intent) => (
    <button type="button" aria-haspopup="dialog" aria-expanded={false} className={BELL_TRIGGER} aria-label={bellLabel(t, unread)} data-testid="notification-bell" {...handlers}>
      <BellFace unread={unread} />
    </button>
  );
  if (!engaged) return standIn(intent);
  return (
    <Suspense fallback={standIn()}>
      <NotificationPopover defaultOpen />
    </Suspense>
  );
}
