import { apiRoute } from "@/lib/api/route";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { NodePoolParams } from "@/lib/domain/clusters-api";
import { UpdateNodePoolInput } from "@/lib/domain/clusters";
import { removeNodePool } from "@/lib/services/clusters/remove-node-pool";
import { updateNodePool } from "@/lib/services/clusters/update-node-pool";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const PATCH = apiRoute({ params: NodePoolParams, body: UpdateNodePoolInput }, async ({ request, principal, params, body }) =>
  operationAccepted(params.org, await updateNodePool(await processControlPlane(), principal, params.org, params.id, params.poolId, body, idempotencyKeyOf(request))),
);

export const DELETE = apiRoute({ params: NodePoolParams }, async ({ request, principal, params }) =>
  operationAccepted(params.org, await removeNodePool(await processControlPlane(), principal, params.org, params.id, params.poolId, idempotencyKeyOf(request))),
);
