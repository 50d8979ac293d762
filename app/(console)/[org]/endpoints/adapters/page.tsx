import { redirect } from "next/navigation";
import { AdaptersPage } from "@/components/adapters/adapters-page";
import { currentPrincipal } from "@/lib/services/session/current-principal";
import { getOrgShell } from "@/lib/services/session/get-org-shell";

export default async function EndpointAdaptersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const principal = await currentPrincipal();
  if (!principal) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/${org}/endpoints/adapters`)}`);
  const shell = await getOrgShell(principal, org);
  return <AdaptersPage slug={org} canWrite={shell.permissions.includes("endpoints.write")} />;
}
