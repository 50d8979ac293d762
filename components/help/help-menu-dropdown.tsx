"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { DropdownMenu } from "radix-ui";
import { useTranslations } from "next-intl";
import { Activity, BookOpen, LifeBuoy, SquareTerminal } from "lucide-react";
import { useOrg } from "@/components/shell/org-context";
import { useLastFailedRequestId } from "@/lib/client/help/last-request-id";
import { supportMailto } from "@/lib/domain/support";
import { HELP_MENU_TRIGGER, HelpMenuFace } from "./help-menu";

const ITEM = "flex items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50";

/** ヘルプ: the reference, the CLI, support (the last failed request's id filled in) and 稼働状況. Loaded on intent (./help-menu.tsx). */
export function HelpMenuDropdown({ supportEmail, defaultOpen }: { supportEmail: string; defaultOpen?: boolean }) {
  const t = useTranslations("help");
  const { slug } = useOrg();
  const pathname = usePathname();
  const requestId = useLastFailedRequestId();
  const mailto = supportMailto({
    orgSlug: slug,
    page: pathname,
    requestId,
    subject: t("support.subject", { org: slug }),
    lines: [
      t("support.org", { org: slug }),
      t("support.page", { page: pathname }),
      requestId ? t("support.requestId", { requestId }) : t("support.noRequestId"),
      "",
      t("support.describe"),
    ],
  }, supportEmail);
  const links = [
    { href: "/docs/api", icon: BookOpen, label: t("apiReference") },
    { href: "/docs/api#cli", icon: SquareTerminal, label: t("cli") },
    { href: `/${slug}/status`, icon: Activity, label: t("status") },
  ];
  return (
    // Not modal: a help menu does not hide the page from assistive technology while it is open.
    <DropdownMenu.Root modal={false} defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className={HELP_MENU_TRIGGER} data-testid="help-menu">
        <HelpMenuFace />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-64 rounded-md border border-line bg-white p-1 text-sm shadow-lg">
          {links.map(({ href, icon: Icon, label }) => (
            <DropdownMenu.Item asChild key={href}>
              <Link href={href} className={ITEM}>
                <Icon className="size-4" aria-hidden />
                {label}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item asChild>
            <a href={mailto} className={ITEM} data-testid="help-support">
              <LifeBuoy className="size-4" aria-hidden />
              <span className="flex flex-col">
                <span>{t("contactSupport")}</span>
                <span className="text-xs text-muted">{requestId ? t("withRequestId", { requestId }) : t("supportHours")}</span>
              </span>
            </a>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
