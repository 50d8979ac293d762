"use client";
import { DropdownMenu } from "radix-ui";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { BookOpen, KeyRound, LogOut, ShieldCheck, UserRound } from "lucide-react";
import Link from "next/link";

export function UserMenu({ name, email, staffRole }: { name: string; email: string; staffRole: string | null }) {
  const t = useTranslations("nav");
  const ts = useTranslations("security");
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-ink hover:bg-black/5">
        <UserRound className="size-5 text-muted" aria-hidden />
        {/* The name a voice-control user says is the one they see: the menu's purpose is added, not swapped in. */}
        <span className="sr-only">{t("userMenu")}: </span>
        <span className="hidden max-w-48 truncate sm:inline" data-testid="user-name">{name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-60 rounded-md border border-line bg-white p-1 text-sm shadow-lg">
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-muted">{t("signedInAs", { email })}</DropdownMenu.Label>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          {staffRole ? (
            <DropdownMenu.Item asChild>
              <Link href="/staff" className="flex items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50">
                <ShieldCheck className="size-4" aria-hidden />
                {t("staff")}
              </Link>
            </DropdownMenu.Item>
          ) : null}
          <DropdownMenu.Item asChild>
            <Link href="/account/security" className="flex items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50">
              <KeyRound className="size-4" aria-hidden />
              {ts("menu")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link href="/docs/api" className="flex items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50">
              <BookOpen className="size-4" aria-hidden />
              {t("apiDocs")}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 outline-none data-[highlighted]:bg-brand-50"
            onSelect={async () => {
              // Navigate ourselves: the console is reachable under several host names, and the
              // relative path keeps the person on the one they use.
              await signOut({ redirect: false });
              window.location.assign("/sign-in");
            }}
          >
            <LogOut className="size-4" aria-hidden />
            {t("signOut")}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
