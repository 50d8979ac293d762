"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Activity, Boxes, CalendarClock, Cpu, FileCheck2, Gauge, ListChecks, Receipt, ScrollText, Settings, Sparkles, Stamp } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { Permission } from "@/lib/domain/permissions";
import { ControlPlaneBanner } from "./control-plane-banner";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { LanguageSwitch } from "./language-switch";
import { OrgProvider, type OrgContextValue } from "./org-context";
import { OrgSwitcher } from "./org-switcher";
import { UserMenu } from "./user-menu";
import { ConsoleSearch } from "@/components/help/console-search";
import { HelpMenu } from "@/components/help/help-menu";

interface NavItem {
  href: string;
  key: "overview" | "shapes" | "clusters" | "endpoints" | "reservations" | "approvals" | "operations" | "attestations" | "billing" | "audit" | "settings";
  icon: typeof Gauge;
  permission: Permission;
}

const NAV: NavItem[] = [
  { href: "", key: "overview", icon: Gauge, permission: "org.read" },
  { href: "/shapes", key: "shapes", icon: Cpu, permission: "quotas.read" },
  { href: "/clusters", key: "clusters", icon: Boxes, permission: "clusters.read" },
  { href: "/endpoints", key: "endpoints", icon: Sparkles, permission: "endpoints.read" },
  { href: "/reservations", key: "reservations", icon: CalendarClock, permission: "reservations.read" },
  { href: "/approvals", key: "approvals", icon: Stamp, permission: "org.read" },
  // Each kind is listed only to roles that may read it (the list's own rule), so any member may open it.
  { href: "/operations", key: "operations", icon: ListChecks, permission: "org.read" },
  { href: "/attestations", key: "attestations", icon: FileCheck2, permission: "attestations.read" },
  { href: "/billing", key: "billing", icon: Receipt, permission: "billing.read" },
  { href: "/audit", key: "audit", icon: ScrollText, permission: "audit.read" },
  { href: "/settings", key: "settings", icon: Settings, permission: "org.read" },
];

export function ConsoleShell({
  org,
  orgs,
  user,
  banner,
  supportEmail,
  children,
}: {
  org: OrgContextValue;
  orgs: Array<{ slug: string; name: string }>;
  user: { name: string; email: string; staffRole: string | null };
  banner?: ReactNode;
  /** Where the help menu sends a support request (HINOKI_SUPPORT_EMAIL). */
  supportEmail: string;
  children: ReactNode;
}) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const pathname = usePathname();
  const base = `/${org.slug}`;
  const switchable = orgs.some((o) => o.slug === org.slug) ? orgs : [{ slug: org.slug, name: org.orgName }, ...orgs];
  return (
    <OrgProvider value={org}>
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {t("skipToContent")}
      </a>
      <div className="flex min-h-screen">
        {/* The dark band runs the page's full height (full-page captures, long pages); its content stays in view. */}
        <aside className="hidden w-64 shrink-0 bg-brand-900 text-white md:block print:hidden">
          <div className="sticky top-0 flex h-screen flex-col">
          <div className="flex items-center gap-2 px-4 pb-3 pt-4">
            <Activity className="size-5 text-brand-200" aria-hidden />
            <span className="text-lg font-bold tracking-tight">{tc("appName")}</span>
            <span className="text-xs text-white/60">{tc("appTagline")}</span>
          </div>
          <div className="px-3 pb-3">
            <OrgSwitcher current={{ slug: org.slug, name: org.orgName }} orgs={switchable} />
          </div>
          <nav aria-label={t("mainNavigation")} className="flex-1 overflow-y-auto px-2">
            <ul className="space-y-0.5">
              {NAV.filter((item) => org.permissions.includes(item.permission)).map((item) => {
                const href = `${base}${item.href}`;
                const active = item.href === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
                const Icon = item.icon;
                return (
                  <li key={item.key}>
                    <Link
                      href={href}
                      aria-current={active ? "page" : undefined}
                      className={cn(
                        "flex items-center gap-2.5 rounded-md px-3 py-2 text-sm text-white/80 hover:bg-white/10 hover:text-white",
                        active && "bg-white/15 font-medium text-white",
                      )}
                    >
                      <Icon className="size-4" aria-hidden />
                      {t(item.key)}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <p className="px-4 py-3 text-[11px] leading-relaxed text-white/50">{tc("footer")}</p>
          </div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="sticky top-0 z-30 flex h-14 print:hidden items-center justify-between gap-4 border-b border-line bg-white/95 px-4 backdrop-blur md:px-8">
            <nav aria-label={t("mainNavigation")} className="flex gap-3 overflow-x-auto text-sm md:hidden">
              {NAV.filter((item) => org.permissions.includes(item.permission)).map((item) => (
                <Link key={item.key} href={`${base}${item.href}`} className="whitespace-nowrap text-muted hover:text-ink">
                  {t(item.key)}
                </Link>
              ))}
            </nav>
            <div className="hidden min-w-0 truncate text-sm text-muted md:block">{org.orgName}</div>
            <div className="flex items-center gap-3">
              <ConsoleSearch />
              <HelpMenu supportEmail={supportEmail} />
              <NotificationBell />
              <LanguageSwitch persist />
              <UserMenu name={user.name} email={user.email} staffRole={user.staffRole} />
            </div>
          </header>
          {org.via === "staff" ? (
            <div role="note" className="border-b border-amber-300 bg-amber-50 px-8 py-2 text-sm text-amber-900">
              {t("staffView")}
            </div>
          ) : null}
          <ControlPlaneBanner />
          {banner}
          <main id="main" className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-8 md:px-8 print:max-w-none print:p-0">
            {children}
          </main>
        </div>
      </div>
    </OrgProvider>
  );
}
