"use client";
import { lazy, Suspense } from "react";
import { useTranslations } from "next-intl";
import { Building2, ChevronsUpDown } from "lucide-react";
import { useLoadOnIntent } from "@/components/ui/use-load-on-intent";

// The sidebar's org switcher. Its menu is code no first paint needs: the sidebar shows the same
// button with the current org, and the menu loads on intent.
const load = () => import("./org-switcher-dropdown");
const OrgSwitcherDropdown = lazy(() => load().then((m) => ({ default: m.OrgSwitcherDropdown })));

export const ORG_SWITCHER_TRIGGER = "flex w-full items-center gap-2 rounded-md border border-white/15 bg-white/5 px-2.5 py-2 text-left text-sm text-white hover:bg-white/10";

export function OrgSwitcherFace({ name }: { name: string }) {
  const t = useTranslations("nav");
  return (
    <>
      <Building2 className="size-4 shrink-0 opacity-80" aria-hidden />
      <span className="min-w-0 flex-1">
        <span className="block text-[10px] uppercase tracking-wide text-white/60">{t("currentOrg")}</span>
        <span className="block truncate font-medium" data-testid="current-org">{name}</span>
      </span>
      <span className="sr-only">{t("switchOrg")}</span>
      <ChevronsUpDown className="size-4 opacity-70" aria-hidden />
    </>
  );
}

export function OrgSwitcher(props: { current: { slug: string; name: string }; orgs: Array<{ slug: string; name: string }> }) {
  const { engaged, intent } = useLoadOnIntent(load);
  const standIn = (handlers?: typeof intent) => (
    <button type="button" aria-haspopup="menu" aria-expanded={false} className={ORG_SWITCHER_TRIGGER} {...handlers}>
      <OrgSwitcherFace name={props.current.name} />
    </button>
  );
  if (!engaged) return standIn(intent);
  return (
    <Suspense fallback={standIn()}>
      <OrgSwitcherDropdown {...props} defaultOpen />
    </Suspense>
  );
}
