"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export function BillingTabs({ slug }: { slug: string }) {
  const t = useTranslations("billing.tabs");
  const pathname = usePathname();
  const base = `/${slug}/billing`;
  const tabs = [
    { href: base, label: t("costs"), active: pathname === base },
    { href: `${base}/invoices`, label: t("invoices"), active: pathname.startsWith(`${base}/invoices`) },
    { href: `${base}/budgets`, label: t("budgets"), active: pathname.startsWith(`${base}/budgets`) },
    { href: `${base}/archive`, label: t("archive"), active: pathname.startsWith(`${base}/archive`) },
  ];
  return (
    <nav className="mb-6 flex gap-1 border-b border-line" aria-label={t("label")}>
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.active ? "page" : undefined}
          className={cn("-mb-px border-b-2 px-4 py-2 text-sm", tab.active ? "border-brand-600 font-medium text-ink" : "border-transparent text-muted hover:text-ink")}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
