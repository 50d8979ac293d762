import { apiRoute } from "@/lib/api/route";
import { idempotencyKeyOf, operationAccepted } from "@/lib/api/operation-accepted";
import { EndpointAdapterParams } from "@/lib/domain/adapters/endpoint-adapters-api";
import { detachAdapter } from "@/lib/services/adapters/detach-adapter";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const DELETE = apiRoute({ params: EndpointAdapterParams }, async ({ request, principal, params }) =>
  operationAccepted(params.org, await detachAdapter(principal, params.org, params.id, params.adapterId, await processControlPlane(), idempotencyKeyOf(request))),
);
