"use client";
import { lazy, Suspense } from "react";
import { useTranslations } from "next-intl";
import { UserRound } from "lucide-react";
import { useLoadOnIntent } from "@/components/ui/use-load-on-intent";

// The header's user menu. Its dropdown (Radix menu, positioning, sign-out) is code no first paint
// needs, on every console page: the header shows the same button, and the menu loads on intent.
const load = () => import("./user-menu-dropdown");
const UserMenuDropdown = lazy(() => load().then((m) => ({ default: m.UserMenuDropdown })));

export const USER_MENU_TRIGGER = "flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-ink hover:bg-black/5";

export function UserMenuFace({ name }: { name: string }) {
  const t = useTranslations("nav");
  return (
    <>
      <UserRound className="size-5 text-muted" aria-hidden />
      {/* The name a voice-control user says is the one they see: the menu's purpose is added, not swapped in. */}
      <span className="sr-only">{t("userMenu")}: </span>
      <span className="hidden max-w-48 truncate sm:inline" data-testid="user-name">{name}</span>
    </>
  );
}

export function UserMenu(props: { name: string; email: string; staffRole: string | null }) {
  const { engaged, intent } = useLoadOnIntent(load);
  const standIn = (handlers?: typeof intent) => (
    <button type="button" aria-haspopup="menu" aria-expanded={false} className={USER_MENU_TRIGGER} {...handlers}>
      <UserMenuFace name={props.name} />
    </button>
  );
  if (!engaged) return standIn(intent);
  return (
    <Suspense fallback={standIn()}>
      <UserMenuDropdown {...props} defaultOpen />
    </Suspense>
  );
}
