import { apiRoute } from "@/lib/api/route";
import { accepted, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ClusterListQuery, CreateClusterInput } from "@/lib/domain/clusters";
import { launchCluster } from "@/lib/services/clusters/launch-cluster";
import { listClusters } from "@/lib/services/clusters/list-clusters";

export const GET = apiRoute({ params: OrgParams, query: ClusterListQuery }, async ({ principal, params, query }) => ok(await listClusters(principal, params.org, query)));

export const POST = apiRoute({ params: OrgParams, body: CreateClusterInput, idempotent: true }, async ({ request, principal, params, body }) => {
  const operation = await launchCluster(principal, params.org, body, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
  return accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
});
