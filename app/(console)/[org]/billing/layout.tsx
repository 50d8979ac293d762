import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { BillingTabs } from "@/components/billing/billing-tabs";
import { SectionFrame } from "@/components/templates/section-frame";
import { billingAccess } from "@/lib/services/billing/billing-access";
import { sectionAllowed } from "@/lib/services/session/section-allowed";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function BillingLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const allowed = await sectionAllowed(org, "billing", billingAccess);
  const t = await getTranslations("billing");
  return (
    <ClientMessages layout="app/(console)/[org]/billing/layout.tsx">
      <SectionFrame title={t("title")} description={t("description")} allowed={allowed} noAccess={{ title: t("noAccess"), body: t("noAccessBody") }}>
        <BillingTabs slug={org} />
        {children}
      </SectionFrame>
    </ClientMessages>
  );
}
