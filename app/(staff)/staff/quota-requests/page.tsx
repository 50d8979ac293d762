import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/page-header";
import { QuotaQueue } from "@/components/staff/quota-queue";

/** The manager's queue of quota requests across their book. */
export default async function StaffQuotaRequestsPage() {
  const t = await getTranslations("staff.quota");
  return (
    <>
      <PageHeader title={t("title")} description={t("queueDescription")} />
      <Suspense>
        <QuotaQueue />
      </Suspense>
    </>
  );
}
