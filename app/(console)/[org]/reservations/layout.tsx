import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SectionFrame } from "@/components/templates/section-frame";
import { reservationsAccess } from "@/lib/services/reservations/reservations-access";
import { sectionAllowed } from "@/lib/services/session/section-allowed";

export default async function ReservationsLayout({ children, params }: { children: ReactNode; params: Promise<{ org: string }> }) {
  const { org } = await params;
  const allowed = await sectionAllowed(org, "reservations", reservationsAccess);
  const t = await getTranslations("reservations");
  return (
    <SectionFrame title={t("title")} description={t("description")} allowed={allowed} noAccess={{ title: t("noAccess"), body: t("noAccessBody") }}>
      {children}
    </SectionFrame>
  );
}
