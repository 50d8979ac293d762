import type { ReactNode } from "react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Activity } from "lucide-react";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { UserMenu } from "@/components/shell/user-menu";
import { currentPrincipal } from "@/lib/services/session/current-principal";
import { ClientMessages } from "@/components/i18n/client-messages";

export const dynamic = "force-dynamic";

/**
 * The person's own pages (security, why an org is closed to them). Outside any org on purpose:
 * they must work while an org's sign-in policy or the staff rule keeps the person out.
 */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const principal = await currentPrincipal();
  if (!principal) redirect("/sign-in?callbackUrl=/account/security");
  const t = await getTranslations("common");
  return (
    <ClientMessages layout="app/account/layout.tsx">
      <div className="min-h-screen">
        <header className="flex h-14 items-center justify-between border-b border-line bg-white px-6">
          <Link href="/" className="flex items-center gap-2 font-semibold">
            <Activity className="size-5 text-brand-600" aria-hidden />
            {t("appName")}
          </Link>
          <div className="flex items-center gap-3">
            <LanguageSwitch persist />
            <UserMenu name={principal.name} email={principal.email} staffRole={principal.staffRole} />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-3xl px-6 py-8">
          {children}
        </main>
      </div>
    </ClientMessages>
  );
}
