import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { OperationsList } from "@/components/operations/operations-list";
import { PageHeader } from "@/components/ui/page-header";

export default async function OperationsPage() {
  const t = await getTranslations("operations");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Suspense>
        <OperationsList />
      </Suspense>
    </>
  );
}
