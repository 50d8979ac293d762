import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { loadContracts } from "@/lib/billing/contracts";
import { DEFAULT_PRICE_BOOK, contractOn, discountBps, findTerm, jstDateOf, jstDayStart, priceReservation, type ReservationPrice } from "@/lib/domain/billing";
import { findShape } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import type { ReservationRequest } from "@/lib/domain/reservations/reservations-api";
import type { ControlPlane } from "@/lib/control-plane";

// What a reservation request means in time and money: its window on the control plane's clock
// (the fleet's "now", which a test can move) and its price under the org's contract.

export interface ReservationWindow {
  startsAt: Date;
  endsAt: Date;
}

/** The fleet's clock: the simulator's when embedded (tests move it), the remote control plane's otherwise. */
export async function fleetNow(cp: ControlPlane): Promise<number> {
  const health = await cp.health();
  return Math.floor(Date.parse(health.now) / 1000) * 1000;
}

export function windowOf(request: ReservationRequest, nowMs: number): ReservationWindow {
  const term = findTerm(request.term)!;
  let startMs = nowMs;
  if (request.startDate) {
    startMs = jstDayStart(request.startDate).getTime();
    if (startMs <= nowMs) {
      throw new AppError("validation_failed", `the start date ${request.startDate} has begun already in Japan; choose a later date or start now`, { field: "startDate" });
    }
  }
  return { startsAt: new Date(startMs), endsAt: new Date(startMs + term.days * 86_400_000) };
}

/** The price under the contract in force on the first day of the term (discounts by GPU model replace the overall one). */
export async function priceFor(db: DbOrTx, orgId: string, request: ReservationRequest, startsAt: Date): Promise<ReservationPrice> {
  const shape = findShape(request.shapeId)!;
  const contract = contractOn(await loadContracts(db, orgId), jstDateOf(startsAt));
  return priceReservation({ shapeId: shape.id, count: request.count, termId: request.term, contractDiscountBps: discountBps(contract, shape.gpuModel) }, DEFAULT_PRICE_BOOK);
}
