import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf } from "@/lib/api/operation-accepted";
import { orderAccepted } from "@/lib/api/approval-accepted";
import { OrgParams } from "@/lib/api/params";
import { ClusterListQuery, CreateClusterInput } from "@/lib/domain/clusters";
import { orderCluster, type ClusterOrder } from "@/lib/services/clusters/launch-cluster";
import { listClusters } from "@/lib/services/clusters/list-clusters";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams, query: ClusterListQuery }, async ({ principal, params, query }) => ok(await listClusters(principal, params.org, query)));

// The Idempotency-Key: the operations engine keeps it on the operation (the one rule for every
// long-running change, POST, PATCH or DELETE), a 稟議 keeps it on the approval request; for a POST
// the wrapper also commits its answer in the transaction that records the order or the request,
// so a retry gets the same response, marked replayed. Both answers are 202: an Operation, or the
// approval request the order waits in (Location: /approval-requests/{id}).
export const POST = apiRoute({ params: OrgParams, body: CreateClusterInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (order: ClusterOrder) => orderAccepted(params.org, order);
  return respond(await orderCluster(await processControlPlane(), principal, params.org, body, { ...idempotencyKeyOf(request), outcome: idempotency.recorder(respond) }));
});
