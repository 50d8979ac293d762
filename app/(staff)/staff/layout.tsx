import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ShieldCheck } from "lucide-react";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { UserMenu } from "@/components/shell/user-menu";
import { StaffNav } from "@/components/staff/staff-nav";
import { staffPageAccess } from "@/lib/services/session/page-access";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

/** The provider's staff area. For customers it does not exist (404). */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const principal = await staffPageAccess();
  const t = await getTranslations("nav");
  const tc = await getTranslations("common");
  return (
    <ClientMessages layout="app/(staff)/staff/layout.tsx">
      <div className="min-h-screen">
        <header className="flex h-14 items-center justify-between border-b border-line bg-brand-900 px-6 text-white">
          <Link href="/staff" className="flex items-center gap-2 font-semibold">
            <ShieldCheck className="size-5 text-brand-200" aria-hidden />
            {tc("appName")} · {t("staff")}
            <span className="rounded bg-white/15 px-2 py-0.5 text-xs font-normal">{tc(`staffRoles.${principal.staffRole}`)}</span>
          </Link>
          <StaffNav />
          <div className="flex items-center gap-3 rounded bg-white px-2 text-ink">
            <LanguageSwitch persist />
            <UserMenu name={principal.name} email={principal.email} staffRole={principal.staffRole} />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-7xl px-6 py-8">
          {children}
        </main>
      </div>
    </ClientMessages>
  );
}
