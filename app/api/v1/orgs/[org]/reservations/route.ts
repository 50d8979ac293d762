import { apiRoute } from "@/lib/api/route";
import { created, ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ReservationRequest } from "@/lib/domain/reservations/reservations-api";
import { listReservations } from "@/lib/services/reservations/list-reservations";
import { orderReservation } from "@/lib/services/reservations/order-reservation";

export const GET = apiRoute({ params: OrgParams }, async ({ principal, params }) => ok({ items: await listReservations(principal, params.org), nextCursor: null }));

// The Idempotency-Key is also kept on the order itself, so a retry after a crash between the
// order and the fleet's hold completes that order instead of placing a second one.
export const POST = apiRoute({ params: OrgParams, body: ReservationRequest, idempotent: true }, async ({ request, principal, params, body }) => {
  const reservation = await orderReservation(principal, params.org, body, { idempotencyKey: request.headers.get("idempotency-key") ?? undefined });
  return created(reservation, `/api/v1/orgs/${params.org}/reservations/${reservation.id}`);
});
