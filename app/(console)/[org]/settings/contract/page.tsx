import { getTranslations } from "next-intl/server";
import { ContractTermsView } from "@/components/staff/contract-terms-view";
import { orgPageAccess } from "@/lib/services/session/page-access";
import { getOrgContract } from "@/lib/services/contracts/get-org-contract";

/** The customer's contract terms and their prices, read-only. */
export default async function ContractSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { principal } = await orgPageAccess(org);
  const contract = await getOrgContract(principal, org);
  const t = await getTranslations("staff.contract");
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">{t("customerDescription")}</p>
      <ContractTermsView contract={contract} />
    </div>
  );
}
