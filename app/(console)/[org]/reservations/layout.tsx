import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SectionFrame } from "@/components/templates/section-frame";
import { reservationsAccess } from "@/lib/services/reservations/reservations-access";
import { sectionAllowed } from "@/lib/services/session/section-allowed";
import { ClientMessages } from "@/components/i18n/client-messages";

export default async function ReservationsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const allowed = await sectionAllowed(org, "reservations", reservationsAccess);
  const t = await getTranslations("reservations");
  return (
    <ClientMessages layout="app/(console)/[org]/reservations/layout.tsx">
      <SectionFrame title={t("title")} description={t("description")} allowed={allowed} noAccess={{ title: t("noAccess"), body: t("noAccessBody") }}>
        {children}
      </SectionFrame>
    </ClientMessages>
  );
}
