import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ClusterPreflightInput } from "@/lib/domain/clusters";
import { preflightCluster } from "@/lib/services/clusters/preflight-cluster";

export const POST = apiRoute({ params: OrgParams, body: ClusterPreflightInput }, async ({ principal, params, body }) => ok(await preflightCluster(principal, params.org, body)));
