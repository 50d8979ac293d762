import { AdaptersPage } from "@/components/adapters/adapters-page";
import { orgPageAccess } from "@/lib/services/session/page-access";

export default async function EndpointAdaptersPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await params;
  const { shell } = await orgPageAccess(org);
  return <AdaptersPage slug={org} canWrite={shell.permissions.includes("endpoints.write")} />;
}
