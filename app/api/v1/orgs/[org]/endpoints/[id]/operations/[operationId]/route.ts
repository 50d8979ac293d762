import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { getEndpointOperation } from "@/lib/services/endpoints/list-endpoint-operations";
import { EndpointOperationParams } from "@/lib/domain/endpoints-api";

export const GET = apiRoute({ params: EndpointOperationParams }, async ({ principal, params }) => ok(await getEndpointOperation(principal, params.org, params.id, params.operationId)));
