import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgParams } from "@/lib/api/params";
import { ReservationRequest } from "@/lib/domain/reservations/reservations-api";
import { quoteReservation } from "@/lib/services/reservations/quote-reservation";
import { processControlPlane } from "@/lib/services/process-control-plane";

// A price, not an order: POST only because the request is a body; nothing is written.
export const POST = apiRoute({ params: OrgParams, body: ReservationRequest }, async ({ principal, params, body }) => ok(await quoteReservation(await processControlPlane(), principal, params.org, body)));
