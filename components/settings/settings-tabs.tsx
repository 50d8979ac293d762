"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { useCan } from "@/components/shell/org-context";

export function SettingsTabs({ slug }: { slug: string }) {
  const t = useTranslations("settings.tabs");
  const tr = useTranslations("attestations.residency");
  const tcontract = useTranslations("staff.contract");
  const tsecurity = useTranslations("security.policy");
  const pathname = usePathname();
  const canTokens = useCan("tokens.read");
  const canSso = useCan("sso.manage");
  const tsso = useTranslations("sso.settings");
  const tabs = [
    { href: `/${slug}/settings`, label: t("profile") },
    { href: `/${slug}/settings/members`, label: t("members") },
    ...(canTokens ? [{ href: `/${slug}/settings/api-tokens`, label: t("apiTokens") }] : []),
    ...(canSso ? [{ href: `/${slug}/settings/sso`, label: tsso("tab") }] : []),
    { href: `/${slug}/settings/residency`, label: tr("tab") },
    { href: `/${slug}/settings/cost-centers`, label: t("costCenters") },
    { href: `/${slug}/settings/approvals`, label: t("approvals") },
    { href: `/${slug}/settings/security`, label: tsecurity("tab") },
    { href: `/${slug}/settings/contract`, label: tcontract("tab") },
    { href: `/${slug}/settings/notifications`, label: t("notifications") },
  ];
  return (
    <nav className="flex gap-1 border-b border-line" aria-label={t("profile")}>
      {tabs.map((tab) => {
        const active = pathname === tab.href;
        return (
          <Link
            key={tab.href}
            href={tab.href}
            aria-current={active ? "page" : undefined}
            className={cn("-mb-px border-b-2 px-4 py-2 text-sm", active ? "border-brand-600 font-medium text-ink" : "border-transparent text-muted hover:text-ink")}
          >
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
