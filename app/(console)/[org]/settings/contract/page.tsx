import { getTranslations } from "next-intl/server";
import { ContractTermsView } from "@/components/staff/contract-terms-view";
import { requirePrincipal } from "@/lib/services/session/require-principal";
import { getOrgContract } from "@/lib/services/contracts/get-org-contract";

/** The customer's contract terms and their prices, read-only. */
export default async function ContractSettingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const principal = await requirePrincipal();
  const contract = await getOrgContract(principal, org);
  const t = await getTranslations("staff.contract");
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">{t("customerDescription")}</p>
      <ContractTermsView contract={contract} />
    </div>
  );
}
