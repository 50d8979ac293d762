import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OperationParams } from "@/lib/domain/clusters-api";
import { cancelQueuedOperation } from "@/lib/services/operations/cancel-queued-operation";

// 空き待ちの取り消し: withdraws an operation still waiting in the capacity queue (repeatable).
export const POST = apiRoute({ params: OperationParams }, async ({ principal, params }) => ok(await cancelQueuedOperation(principal, params.org, params.id)));
