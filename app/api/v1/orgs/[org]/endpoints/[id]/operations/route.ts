import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { listEndpointOperations } from "@/lib/services/endpoints/list-endpoint-operations";
import { EndpointParams } from "@/lib/domain/endpoints-api";

export const GET = apiRoute({ params: EndpointParams }, async ({ principal, params }) => ok({ items: await listEndpointOperations(principal, params.org, params.id), nextCursor: null }));
