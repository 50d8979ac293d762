import { apiRoute } from "@/lib/api/route";
import { accepted, ok } from "@/lib/api/responses";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { NodePoolInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { addNodePool } from "@/lib/services/clusters/add-node-pool";
import { getCluster } from "@/lib/services/clusters/get-cluster";

export const GET = apiRoute({ params: ClusterParams }, async ({ principal, params }) => ok({ items: (await getCluster(principal, params.org, params.id)).nodePools, nextCursor: null }));

export const POST = apiRoute({ params: ClusterParams, body: NodePoolInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (operation: ConsoleOperation) => accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
  const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
  return respond(await addNodePool(principal, params.org, params.id, body, { idempotencyKey, outcome: idempotency.recorder(respond) }));
});
