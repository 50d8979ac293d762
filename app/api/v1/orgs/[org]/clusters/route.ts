import { apiRoute } from "@/lib/api/route";
import { accepted, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ClusterListQuery, CreateClusterInput } from "@/lib/domain/clusters";
import type { ConsoleOperation } from "@/lib/domain/operations";
import { launchCluster } from "@/lib/services/clusters/launch-cluster";
import { listClusters } from "@/lib/services/clusters/list-clusters";

export const GET = apiRoute({ params: OrgParams, query: ClusterListQuery }, async ({ principal, params, query }) => ok(await listClusters(principal, params.org, query)));

// The Idempotency-Key is kept twice, committed in the one transaction that records the order: the
// API's answer (the wrapper's record) and the operation's key (lib/services/clusters), so a retry
// after a crash at any point gets the one operation there is.
export const POST = apiRoute({ params: OrgParams, body: CreateClusterInput, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (operation: ConsoleOperation) => accepted(operation, `/api/v1/orgs/${params.org}/operations/${operation.id}`);
  const idempotencyKey = request.headers.get("idempotency-key") ?? undefined;
  return respond(await launchCluster(principal, params.org, body, { idempotencyKey, outcome: idempotency.recorder(respond) }));
});
