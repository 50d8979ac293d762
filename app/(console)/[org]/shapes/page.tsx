import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ShapesCatalog } from "@/components/shapes/shapes-catalog";
import { PageHeader } from "@/components/ui/page-header";
import { listModelOptions } from "@/lib/services/catalog/list-model-options";
import { listRegions } from "@/lib/services/catalog/list-regions";
import { listShapes } from "@/lib/services/catalog/list-shapes";
import { getOrgContract } from "@/lib/services/contracts/get-org-contract";
import { orgPageAccess } from "@/lib/services/session/page-access";

// The catalog is the same for everyone and comes from here (shapes, regions and the models the
// filter offers), so the browser ships no catalog module; live capacity, quotas and requests
// are fetched by the page through /api/v1 and kept fresh. An org with a contract sees its own
// prices ("their prices everywhere prices appear"), the list price beside them.
export default async function ShapesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const [t, { principal }] = await Promise.all([getTranslations("shapes"), orgPageAccess(org)]);
  const contract = await getOrgContract(principal, org);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Suspense>
        <ShapesCatalog
          shapes={listShapes()}
          regions={listRegions()}
          models={listModelOptions()}
          contract={contract.current ? { effectiveFrom: contract.current.effectiveFrom, prices: contract.prices } : null}
        />
      </Suspense>
    </>
  );
}
