"use client";
import { lazy, Suspense } from "react";
import { useTranslations } from "next-intl";
import { CircleHelp } from "lucide-react";
import { useLoadOnIntent } from "@/components/ui/use-load-on-intent";

// The header's ヘルプ button. Its menu is code no first paint needs: the same button shows, and
// the menu loads on intent.
const load = () => import("./help-menu-dropdown");
const HelpMenuDropdown = lazy(() => load().then((m) => ({ default: m.HelpMenuDropdown })));

export const HELP_MENU_TRIGGER = "flex items-center gap-1.5 rounded-md px-2 py-1.5 text-sm text-ink hover:bg-black/5";

export function HelpMenuFace() {
  const t = useTranslations("help");
  return (
    <>
      <CircleHelp className="size-5 text-muted" aria-hidden />
      <span className="hidden sm:inline">{t("menu")}</span>
      <span className="sr-only sm:hidden">{t("menu")}</span>
    </>
  );
}

/** `supportEmail`: where the menu's support contact writes to (HINOKI_SUPPORT_EMAIL). */
export function HelpMenu({ supportEmail }: { supportEmail: string }) {
  const { engaged, intent } = useLoadOnIntent(load);
  const standIn = (handlers?: typeof intent) => (
    <button type="button" aria-haspopup="menu" aria-expanded={false} className={HELP_MENU_TRIGGER} data-testid="help-menu" {...handlers}>
      <HelpMenuFace />
    </button>
  );
  if (!engaged) return standIn(intent);
  return (
    <Suspense fallback={standIn()}>
      <HelpMenuDropdown supportEmail={supportEmail} defaultOpen />
    </Suspense>
  );
}
