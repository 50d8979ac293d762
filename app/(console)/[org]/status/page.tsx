import { getTranslations } from "next-intl/server";
import { ServiceStatus } from "@/components/status/service-status";
import { PageHeader } from "@/components/ui/page-header";
import { getHealthFor } from "@/lib/services/health/get-health";
import { orgPageAccess } from "@/lib/services/session/page-access";

export const dynamic = "force-dynamic";

// 稼働状況: the console and what it stands on, from the same probes as /api/health (nothing is
// fetched from another host). The first HTML holds this check; the page re-checks every 30 s.
export default async function StatusPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { principal } = await orgPageAccess(org);
  const t = await getTranslations("help.statusPage");
  const health = await getHealthFor(principal);
  const components = Object.fromEntries(Object.entries(health.components ?? {}).map(([name, c]) => [name, c.status]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ServiceStatus
        initial={{ status: components.controlPlane ?? "unknown", checkedAt: new Date().toISOString(), consoleAnswered: true, components }}
      />
    </>
  );
}
