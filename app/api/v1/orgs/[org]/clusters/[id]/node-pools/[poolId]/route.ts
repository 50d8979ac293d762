import { apiRoute } from "@/lib/api/route";
import { accepted } from "@/lib/api/responses";
import { NodePoolParams } from "@/lib/domain/clusters-api";
import { UpdateNodePoolInput } from "@/lib/domain/clusters";
import { removeNodePool } from "@/lib/services/clusters/remove-node-pool";
import { updateNodePool } from "@/lib/services/clusters/update-node-pool";

const key = (request: Request) => ({ idempotencyKey: request.headers.get("idempotency-key") ?? undefined });

export const PATCH = apiRoute({ params: NodePoolParams, body: UpdateNodePoolInput }, async ({ request, principal, params, body }) => {
  const operation = await updateNodePool(principal, params.org, params.id, params.poolId, body, key(request));
  return accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
});

export const DELETE = apiRoute({ params: NodePoolParams }, async ({ request, principal, params }) => {
  const operation = await removeNodePool(principal, params.org, params.id, params.poolId, key(request));
  return accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
});
