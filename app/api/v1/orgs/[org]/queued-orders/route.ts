import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { listQueuedOrders } from "@/lib/services/operations/list-queued-orders";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok(await listQueuedOrders(await processControlPlane(), principal, params.org)));
