import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ClusterPreflightInput } from "@/lib/domain/clusters";
import { preflightCluster } from "@/lib/services/clusters/preflight-cluster";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const POST = apiRoute({ params: OrgParams, body: ClusterPreflightInput }, async ({ principal, params, body }) => ok(await preflightCluster(await processControlPlane(), principal, params.org, body)));
