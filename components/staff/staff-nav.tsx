"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";

export function StaffNav() {
  const t = useTranslations("staff.nav");
  const pathname = usePathname();
  const items = [
    { href: "/staff", label: t("accounts"), active: pathname === "/staff" || pathname.startsWith("/staff/accounts") },
    { href: "/staff/quota-requests", label: t("quotaRequests"), active: pathname.startsWith("/staff/quota-requests") },
    { href: "/staff/approval-requests", label: t("approvalRequests"), active: pathname.startsWith("/staff/approval-requests") },
  ];
  return (
    <nav aria-label={t("label")} className="flex gap-1">
      {items.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={item.active ? "page" : undefined}
          className={cn("rounded px-3 py-1.5 text-sm", item.active ? "bg-white/20 font-medium text-white" : "text-brand-100 hover:bg-white/10 hover:text-white")}
        >
          {item.label}
        </Link>
      ))}
    </nav>
  );
}
