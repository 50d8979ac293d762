import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";

export default async function AuditPage() {
  const t = await getTranslations("audit");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Suspense>
        <AuditLog />
      </Suspense>
    </>
  );
}
