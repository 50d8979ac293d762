import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { cancelReservation } from "@/lib/services/reservations/cancel-reservation";
import { getReservation } from "@/lib/services/reservations/list-reservations";
import { processControlPlane } from "@/lib/services/process-control-plane";

export const GET = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await getReservation(await processControlPlane(), principal, params.org, params.id)));

/** Cancel before the start (nothing is billed); after the start a reservation runs its term. */
export const DELETE = apiRoute({ params: OrgIdParams }, async ({ principal, params }) => ok(await cancelReservation(await processControlPlane(), principal, params.org, params.id)));
