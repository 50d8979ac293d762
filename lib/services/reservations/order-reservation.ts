import "server-only";
import { and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import { getControlPlane, type ControlPlane } from "@/lib/control-plane";
import type { Db } from "@/lib/db/client";
import { capacityReservations } from "@/lib/db/schema";
import { findZone } from "@/lib/domain/catalog";
import { AppError, isAppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { ReservationRequest, type Reservation, type ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import { orgContext } from "../access/org-context";
import { recordAudit } from "../audit/record";
import { assertResidencyAllowed } from "../residency/residency-policy";
import { getReservation } from "./list-reservations";
import { fleetNow, priceFor, windowOf } from "./reservation-terms";
import { gpusOf, type ReservationRow } from "./to-reservation";

// 「キャパシティ予約」: order a reservation at the quoted price. The order is recorded (with its
// audit entry) before the fleet is asked to hold the machines, and the fleet's hold is keyed by
// the reservation id, so a process that dies in between leaves an order in "submitting" that a
// retry with the same Idempotency-Key completes — never machines held without a record, never two
// holds for one order. A window the fleet cannot guarantee is refused with the earliest start it
// can, before anything is written.

export interface OrderOptions {
  idempotencyKey?: string;
}

async function submit(db: Db, cp: ControlPlane, row: ReservationRow): Promise<void> {
  try {
    await cp.createReservation({
      tenantId: row.orgId,
      reservationId: row.id,
      shapeId: row.shapeId,
      zoneId: row.zoneId,
      count: row.count,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
    });
  } catch (error) {
    // Refused by the fleet after all (someone took the machines since the check): kept as refused, never billed.
    if (isAppError(error) && error.code === "capacity_unavailable") {
      await db.update(capacityReservations).set({ state: "refused" }).where(eq(capacityReservations.id, row.id));
    }
    throw error;
  }
  await db.update(capacityReservations).set({ state: "ordered" }).where(and(eq(capacityReservations.id, row.id), eq(capacityReservations.state, "submitting")));
}

export async function orderReservation(principal: Principal, slug: string, rawInput: ReservationRequestInput, options: OrderOptions = {}): Promise<Reservation> {
  const input = ReservationRequest.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "reservations.order");
  const cp = await getControlPlane();

  if (options.idempotencyKey) {
    const [earlier] = await db.select().from(capacityReservations).where(and(eq(capacityReservations.orgId, orgId), eq(capacityReservations.idempotencyKey, options.idempotencyKey)));
    if (earlier) {
      if (earlier.state === "submitting") await submit(db, cp, earlier);
      if (earlier.state === "refused") throw new AppError("capacity_unavailable", "this order was refused: the capacity could not be guaranteed", { reservationId: earlier.id });
      return getReservation(principal, slug, earlier.id);
    }
  }

  const zone = findZone(input.zoneId)!;
  await assertResidencyAllowed(db, orgId, zone.regionId, "zoneId");
  const window = windowOf(input, await fleetNow(cp));
  const price = await priceFor(db, orgId, input, window.startsAt);
  const availability = await cp.checkReservation({ shapeId: input.shapeId, zoneId: input.zoneId, count: input.count, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() });
  if (!availability.available) {
    throw new AppError("capacity_unavailable", `${input.count} × ${input.shapeId} cannot be guaranteed in ${input.zoneId} from ${window.startsAt.toISOString()}`, {
      field: "startDate",
      earliestStartAt: availability.earliestStartAt,
      basis: availability.basis,
    });
  }

  const id = newId("reservation");
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(capacityReservations)
      .values({
        id,
        orgId,
        shapeId: input.shapeId,
        regionId: zone.regionId,
        zoneId: zone.id,
        count: input.count,
        gpuCount: gpusOf(input.shapeId, input.count),
        term: input.term,
        startsAt: window.startsAt,
        endsAt: window.endsAt,
        reservedHourRu: price.reservedHourRu,
        termDiscountBps: price.termDiscountBps,
        contractDiscountBps: price.contractDiscountBps,
        totalCommitmentJpy: price.totalCommitmentJpy,
        state: "submitting",
        idempotencyKey: options.idempotencyKey ?? null,
        createdBy: principal.userId ?? null,
      })
      .returning();
    await recordAudit(tx, principal, orgId, {
      action: "reservation.order",
      targetType: "reservation",
      targetId: id,
      data: {
        shapeId: input.shapeId,
        zoneId: input.zoneId,
        count: input.count,
        term: input.term,
        startsAt: window.startsAt.toISOString(),
        endsAt: window.endsAt.toISOString(),
        totalCommitmentJpy: price.totalCommitmentJpy,
      },
    });
    return inserted;
  });
  await submit(db, cp, row);
  return getReservation(principal, slug, id);
}
