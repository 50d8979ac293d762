import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { OrgParams } from "@/lib/api/params";
import { ClusterListQuery, CreateClusterInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { launchCluster } from "@/lib/services/clusters/launch-cluster";
import { listClusters } from "@/lib/services/clusters/list-clusters";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams, query: ClusterListQuery }, async ({ principal, params, query }) => ok(await listClusters(principal, params.org, query)));

// The Idempotency-Key: the operations engine keeps it on the operation (the one rule for every
// long-running change, POST, PATCH or DELETE); for a POST the wrapper also commits its answer in
// the transaction that records the order, so a retry gets the same response, marked replayed.
export const POST = apiRoute({ params: OrgParams, body: CreateClusterInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (operation: ConsoleOperation) => operationAccepted(params.org, operation);
  return respond(await launchCluster(await processControlPlane(), principal, params.org, body, { ...idempotencyKeyOf(request), outcome: idempotency.recorder(respond) }));
});
