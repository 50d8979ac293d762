import { ClusterDetail } from "@/components/clusters/cluster-detail";
import { getCluster } from "@/lib/services/clusters/get-cluster";
import { listOperations } from "@/lib/services/operations/list-operations";
import { readOrNotFound } from "@/lib/services/session/page-read";
import { orgPageAccess } from "@/lib/services/session/page-access";
import { processControlPlane } from "@/lib/services/process-control-plane";

// The first HTML already holds the cluster (pools, nodes, the operation in flight) and its
// history; the page then follows it from the browser. Another org's or an unknown cluster is a 404.
export default async function ClusterPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params;
  const { principal } = await orgPageAccess(slug);
  const [cluster, operations] = await readOrNotFound(Promise.all([getCluster(await processControlPlane(), principal, slug, id), listOperations(principal, slug, { targetId: id, limit: 50 })]));
  return <ClusterDetail id={id} initial={{ cluster, operations }} />;
}
