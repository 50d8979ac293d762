import { CostCentersPanel } from "@/components/cost-centers/cost-centers-panel";
import { getCostCenterPolicy } from "@/lib/services/cost-centers/cost-center-policy";
import { listCostCenters } from "@/lib/services/cost-centers/list-cost-centers";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function CostCentersSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const { principal } = await orgPageAccess(slug);
  const [centers, policy] = await Promise.all([listCostCenters(principal, slug, { includeArchived: true }), getCostCenterPolicy(principal, slug)]);
  return <CostCentersPanel initial={centers.items} policy={policy} />;
}
