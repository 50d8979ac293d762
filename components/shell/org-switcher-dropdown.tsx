"use client";
import { DropdownMenu } from "radix-ui";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Check, Plus } from "lucide-react";
import { ORG_SWITCHER_TRIGGER, OrgSwitcherFace } from "./org-switcher";

/** The org switcher's menu, loaded when someone reaches for it (see ./org-switcher.tsx). */
export function OrgSwitcherDropdown({ current, orgs, defaultOpen }: { current: { slug: string; name: string }; orgs: Array<{ slug: string; name: string }>; defaultOpen?: boolean }) {
  const t = useTranslations("nav");
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className={ORG_SWITCHER_TRIGGER}>
        <OrgSwitcherFace name={current.name} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="start" sideOffset={6} className="z-50 min-w-64 rounded-md border border-line bg-white p-1 text-sm shadow-lg">
          {orgs.map((org) => (
            <DropdownMenu.Item key={org.slug} asChild>
              <Link href={`/${org.slug}`} className="flex items-center justify-between gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50">
                <span className="truncate">{org.name}</span>
                {org.slug === current.slug ? <Check className="size-4 text-brand-600" aria-hidden /> : null}
              </Link>
            </DropdownMenu.Item>
          ))}
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item asChild>
            <Link href="/orgs/new" className="flex items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50">
              <Plus className="size-4" aria-hidden />
              {t("createOrg")}
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
