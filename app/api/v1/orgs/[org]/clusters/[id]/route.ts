import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { ClusterParams } from "@/lib/domain/clusters-api";
import { UpdateClusterInput } from "@/lib/domain/clusters";
import { deleteCluster } from "@/lib/services/clusters/delete-cluster";
import { getCluster } from "@/lib/services/clusters/get-cluster";
import { upgradeCluster } from "@/lib/services/clusters/upgrade-cluster";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: ClusterParams }, async ({ principal, params }) => ok(await getCluster(await processControlPlane(), principal, params.org, params.id)));

export const PATCH = apiRoute({ params: ClusterParams, body: UpdateClusterInput }, async ({ request, principal, params, body }) =>
  operationAccepted(params.org, await upgradeCluster(await processControlPlane(), principal, params.org, params.id, body, idempotencyKeyOf(request))),
);

export const DELETE = apiRoute({ params: ClusterParams }, async ({ request, principal, params }) =>
  operationAccepted(params.org, await deleteCluster(await processControlPlane(), principal, params.org, params.id, idempotencyKeyOf(request))),
);
