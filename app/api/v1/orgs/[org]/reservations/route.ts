import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { operationAccepted } from "@/lib/api/operation-accepted";
import { OrgParams } from "@/lib/api/params";
import { ReservationRequest } from "@/lib/domain/reservations/reservations-api";
import { listReservations } from "@/lib/services/reservations/list-reservations";
import { orderReservation } from "@/lib/services/reservations/order-reservation";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listReservations(await processControlPlane(), principal, params.org), nextCursor: null }));

// Ordering is a long-running operation of the one engine: 202 with the Operation (its target is
// the reservation) and a Location; the Idempotency-Key is kept on the operation.
export const POST = apiRoute({ params: OrgParams, body: ReservationRequest, idempotent: true }, async ({ request, principal, params, body }) => {
  const operation = await orderReservation(await processControlPlane(), principal, params.org, body, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
  return operationAccepted(params.org, operation);
});
