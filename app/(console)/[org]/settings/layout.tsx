import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const t = await getTranslations("settings");
  return (
    <ClientMessages layout="app/(console)/[org]/settings/layout.tsx">
      <PageHeader title={t("title")} />
      <SettingsTabs slug={org} />
      <div className="mt-6">{children}</div>
    </ClientMessages>
  );
}
