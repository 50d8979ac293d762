import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ShapesCatalog } from "@/components/shapes/shapes-catalog";
import { PageHeader } from "@/components/ui/page-header";
import { listModelOptions } from "@/lib/services/catalog/list-model-options";
import { listRegions } from "@/lib/services/catalog/list-regions";
import { listShapes } from "@/lib/services/catalog/list-shapes";

// The catalog is the same for everyone and comes from here (shapes, regions and the models the
// filter offers), so the browser ships no catalog module; live capacity, quotas and requests
// are fetched by the page through /api/v1 and kept fresh.
export default async function ShapesPage() {
  const t = await getTranslations("shapes");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Suspense>
        <ShapesCatalog shapes={listShapes()} regions={listRegions()} models={listModelOptions()} />
      </Suspense>
    </>
  );
}
