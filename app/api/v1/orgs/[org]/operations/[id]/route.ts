import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OperationParams } from "@/lib/domain/clusters-api";
import { getOperation } from "@/lib/services/operations/list-operations";

export const GET = apiRoute({ params: OperationParams }, async ({ principal, params }) => ok(await getOperation(principal, params.org, params.id)));
