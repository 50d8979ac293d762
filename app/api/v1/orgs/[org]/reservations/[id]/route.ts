import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { cancelReservation } from "@/lib/services/reservations/cancel-reservation";
import { getReservation } from "@/lib/services/reservations/list-reservations";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getReservation(principal, params.org, params.id)));

/** Cancel before the start (nothing is billed); after the start a reservation runs its term. */
export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await cancelReservation(principal, params.org, params.id)));
