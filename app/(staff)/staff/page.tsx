import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { StaffAccountsTable } from "@/components/staff/staff-accounts-table";
import { currentPrincipal } from "@/lib/services/session/current-principal";
import { listStaffAccounts } from "@/lib/services/staff/list-accounts";
import { listStaffMembers } from "@/lib/services/staff/list-staff-members";

export default async function StaffHomePage() {
  const principal = (await currentPrincipal())!;
  const [accounts, staff] = await Promise.all([listStaffAccounts(principal), listStaffMembers(principal)]);
  const t = await getTranslations("staff");
  const isAdmin = principal.staffRole === "platform_admin";
  return (
    <>
      <PageHeader title={t("title")} description={isAdmin ? t("descriptionAdmin") : t("description")} />
      <StaffAccountsTable accounts={accounts} managers={staff.filter((s) => s.staffRole === "account_manager")} canAssign={isAdmin} />
    </>
  );
}
