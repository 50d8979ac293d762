import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { orgPageAccess } from "@/lib/services/session/page-access";
import { getOverview } from "@/lib/services/overview/get-overview";

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { principal, shell } = await orgPageAccess(org);
  const overview = await getOverview(principal, org);
  return <OverviewDashboard slug={org} orgName={shell.org.legalNameJa} initial={overview} />;
}
