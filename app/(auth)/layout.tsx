import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Activity } from "lucide-react";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("common");
  return (
    <ClientMessages layout="app/(auth)/layout.tsx">
      <div className="flex min-h-screen flex-col bg-gradient-to-b from-brand-50 to-canvas">
        <header className="flex items-center justify-between px-6 py-4">
          <div className="flex items-center gap-2">
            <Activity className="size-5 text-brand-600" aria-hidden />
            <span className="text-lg font-bold">{t("appName")}</span>
            <span className="text-xs text-muted">{t("appTagline")}</span>
          </div>
          <LanguageSwitch />
        </header>
        <main className="flex flex-1 items-start justify-center px-4 pt-12">{children}</main>
        <footer className="px-6 py-4 text-center text-xs text-muted">{t("footer")}</footer>
      </div>
    </ClientMessages>
  );
}
