import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { requirePrincipal } from "@/lib/services/session/require-principal";
import { getOrgShell } from "@/lib/services/session/get-org-shell";
import { getOverview } from "@/lib/services/overview/get-overview";

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const principal = await requirePrincipal();
  const [shell, overview] = await Promise.all([getOrgShell(principal, org), getOverview(principal, org)]);
  return <OverviewDashboard slug={org} orgName={shell.org.legalNameJa} initial={overview} />;
}
