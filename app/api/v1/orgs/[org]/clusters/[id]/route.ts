import { apiRoute } from "@/lib/api/route";
import { accepted, ok } from "@/lib/api/responses";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { UpdateClusterInput } from "@/lib/domain/clusters";
import { deleteCluster } from "@/lib/services/clusters/delete-cluster";
import { getCluster } from "@/lib/services/clusters/get-cluster";
import { upgradeCluster } from "@/lib/services/clusters/upgrade-cluster";

const key = (request: Request) => ({ idempotencyKey: request.headers.get("idempotency-key") ?? undefined });

export const GET = apiRoute({ params: ClusterParams }, async ({ principal, params }) => ok(await getCluster(principal, params.org, params.id)));

export const PATCH = apiRoute({ params: ClusterParams, body: UpdateClusterInput }, async ({ request, principal, params, body }) => {
  const operation = await upgradeCluster(principal, params.org, params.id, body, key(request));
  return accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
});

export const DELETE = apiRoute({ params: ClusterParams }, async ({ request, principal, params }) => {
  const operation = await deleteCluster(principal, params.org, params.id, key(request));
  return accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
});
