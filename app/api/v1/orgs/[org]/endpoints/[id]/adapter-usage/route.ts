import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { AdapterUsageQuery } from "@/lib/domain/adapters/adapter-usage-api";
import { getEndpointAdapterUsage } from "@/lib/services/adapters/get-endpoint-adapter-usage";

export const GET = apiRoute({ params: OrgIdParams, query: AdapterUsageQuery }, async ({ principal, params, query }) => ok(await getEndpointAdapterUsage(principal, params.org, params.id, query)));
