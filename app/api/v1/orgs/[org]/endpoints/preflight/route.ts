import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { EndpointPreflightInput } from "@/lib/domain/endpoints";
import { preflightEndpoint } from "@/lib/services/endpoints/preflight-endpoint";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const POST = apiRoute({ params: OrgParams, body: EndpointPreflightInput }, async ({ principal, params, body }) => ok(await preflightEndpoint(await processControlPlane(), principal, params.org, body)));
