"use client";
import { DropdownMenu } from "radix-ui";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Building2, Check, ChevronsUpDown, Plus } from "lucide-react";

export function OrgSwitcher({ current, orgs }: { current: { slug: string; name: string }; orgs: Array<{ slug: string; name: string }> }) {
  const t = useTranslations("nav");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className="flex w-full items-center gap-2 rounded-md border border-white/15 bg-white/5 px-2.5 py-2 text-left text-sm text-white hover:bg-white/10"
      >
        <Building2 className="size-4 shrink-0 opacity-80" aria-hidden />
        <span className="min-w-0 flex-1">
          <span className="block text-[10px] uppercase tracking-wide text-white/60">{t("currentOrg")}</span>
          <span className="block truncate font-medium" data-testid="current-org">{current.name}</span>
        </span>
        <span className="sr-only">{t("switchOrg")}</span>
        <ChevronsUpDown className="size-4 opacity-70" aria-hidden />
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
