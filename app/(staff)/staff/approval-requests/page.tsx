import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { StaffApprovalsPanel } from "@/components/staff/staff-approvals-panel";

/** The manager's large reservations: the contract requires their approval above a total commitment. */
export default async function StaffApprovalRequestsPage() {
  const t = await getTranslations("staff.approvals");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <StaffApprovalsPanel />
    </>
  );
}
