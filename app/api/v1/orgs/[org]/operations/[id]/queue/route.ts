import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OperationParams } from "@/lib/domain/clusters-api";
import { getQueuedOrder } from "@/lib/services/operations/list-queued-orders";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OperationParams }, async ({ principal, params }) => ok(await getQueuedOrder(await processControlPlane(), principal, params.org, params.id)));
