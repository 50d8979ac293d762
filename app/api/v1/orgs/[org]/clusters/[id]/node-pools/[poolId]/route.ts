import { apiRoute } from "@/lib/api/route";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { orderAccepted } from "@/lib/api/approval-accepted";
import { NodePoolParams } from "@/lib/domain/clusters-api";
import { UpdateNodePoolInput } from "@/lib/domain/clusters";
import { removeNodePool } from "@/lib/services/clusters/remove-node-pool";
import { orderNodePoolUpdate } from "@/lib/services/clusters/update-node-pool";
import { processControlPlane } from "@/lib/services/process-control-plane";

// A scale-up a 稟議 rule applies to answers 202 with the approval request instead of the Operation.
export const PATCH = apiRoute({ params: NodePoolParams, body: UpdateNodePoolInput }, async ({ request, principal, params, body }) =>
  orderAccepted(params.org, await orderNodePoolUpdate(await processControlPlane(), principal, params.org, params.id, params.poolId, body, idempotencyKeyOf(request))),
);

export const DELETE = apiRoute({ params: NodePoolParams }, async ({ request, principal, params }) =>
  operationAccepted(params.org, await removeNodePool(await processControlPlane(), principal, params.org, params.id, params.poolId, idempotencyKeyOf(request))),
);
