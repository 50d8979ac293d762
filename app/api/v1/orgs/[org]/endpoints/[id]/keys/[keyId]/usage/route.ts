import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { KeyUsageQuery } from "@/lib/domain/endpoint-key-usage";
import { EndpointKeyParams } from "@/lib/domain/endpoints-api";
import { getEndpointKeyUsage } from "@/lib/services/endpoints/get-endpoint-key-usage";

export const GET = apiRoute({ params: EndpointKeyParams, query: KeyUsageQuery }, async ({ principal, params, query }) => ok(await getEndpointKeyUsage(principal, params.org, params.id, params.keyId, query)));
