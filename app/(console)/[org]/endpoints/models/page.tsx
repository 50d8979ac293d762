import { redirect } from "next/navigation";
import { ModelCatalog } from "@/components/endpoints/model-catalog";
import { listModels } from "@/lib/services/endpoints/list-models";
import { currentPrincipal } from "@/lib/services/session/current-principal";
import { getOrgShell } from "@/lib/services/session/get-org-shell";

export default async function ModelCatalogPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${org}/endpoints/models`)}`);
  const shell = await getOrgShell(principal, org);
  return <ModelCatalog models={listModels()} slug={org} canCreate={shell.permissions.includes("endpoints.write")} />;
}
