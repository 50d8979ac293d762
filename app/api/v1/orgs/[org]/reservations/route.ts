import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { orderAccepted, type HeldOrOrdered } from "@/lib/api/approval-accepted";
import { OrgParams } from "@/lib/api/params";
import { ReservationRequest } from "@/lib/domain/reservations/reservations-api";
import { listReservations } from "@/lib/services/reservations/list-reservations";
import { placeReservationOrder } from "@/lib/services/reservations/place-reservation-order";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listReservations(await processControlPlane(), principal, params.org), nextCursor: null }));

// Ordering is a long-running operation of the one engine: 202 with the Operation (its target is
// the reservation) and a Location; the Idempotency-Key is kept on the operation. When a 稟議 rule
// applies, 202 with the approval request the order waits in (the key kept on the request).
export const POST = apiRoute({ params: OrgParams, body: ReservationRequest, idempotent: true }, async ({ request, principal, params, body, idempotency }) => {
  const respond = (order: HeldOrOrdered) => orderAccepted(params.org, order);
  return respond(await placeReservationOrder(await processControlPlane(), principal, params.org, body, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined, outcome: idempotency.recorder(respond) }));
});
