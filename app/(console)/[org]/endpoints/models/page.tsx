import { ModelCatalog } from "@/components/endpoints/model-catalog";
import { listModels } from "@/lib/services/endpoints/list-models";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function ModelCatalogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { shell } = await orgPageAccess(org);
  return <ModelCatalog models={listModels()} slug={org} canCreate={shell.permissions.includes("endpoints.write")} />;
}
