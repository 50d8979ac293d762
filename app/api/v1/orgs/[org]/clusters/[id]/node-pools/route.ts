import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { NodePoolInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { addNodePool } from "@/lib/services/clusters/add-node-pool";
import { getCluster } from "@/lib/services/clusters/get-cluster";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: ClusterParams }, async ({ principal, params }) => ok({ items: (await getCluster(await processControlPlane(), principal, params.org, params.id)).nodePools, nextCursor: null }));

export const POST = apiRoute({ params: ClusterParams, body: NodePoolInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (operation: ConsoleOperation) => operationAccepted(params.org, operation);
  return respond(await addNodePool(await processControlPlane(), principal, params.org, params.id, body, { ...idempotencyKeyOf(request), outcome: idempotency.recorder(respond) }));
});
