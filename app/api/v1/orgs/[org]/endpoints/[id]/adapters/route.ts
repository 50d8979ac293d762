import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { OrgIdParams } from "@/lib/api/params";
import { AttachAdapterInput } from "@/lib/domain/adapters/endpoint-adapters-api";
import { attachAdapter } from "@/lib/services/adapters/attach-adapter";
import { listEndpointAdapters } from "@/lib/services/adapters/list-endpoint-adapters";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await listEndpointAdapters(principal, params.org, params.id)));

// Attaching is an operation of the one engine: 202, the Operation and its Location; the
// Idempotency-Key is kept on the operation.
export const POST = apiRoute({ params: OrgIdParams, body: AttachAdapterInput, idempotent: true }, async ({ request, principal, params, body }) =>
  operationAccepted(params.org, await attachAdapter(principal, params.org, params.id, body, await processControlPlane(), idempotencyKeyOf(request))),
);
