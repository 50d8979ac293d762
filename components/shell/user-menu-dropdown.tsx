"use client";
import { DropdownMenu } from "radix-ui";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { BookOpen, KeyRound, LogOut, ShieldCheck } from "lucide-react";
import Link from "next/link";
import { USER_MENU_TRIGGER, UserMenuFace } from "./user-menu";

/** The user menu itself, loaded when someone reaches for it (see ./user-menu.tsx). */
export function UserMenuDropdown({ name, email, staffRole, defaultOpen }: { name: string; email: string; staffRole: string | null; defaultOpen?: boolean }) {
  const t = useTranslations("nav");
  return (
    <DropdownMenu.Root defaultOpen={defaultOpen}>
      <DropdownMenu.Trigger className={USER_MENU_TRIGGER}>
        <UserMenuFace name={name} />
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
              {t("securitySettings")}
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
