import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { ApprovalSnapshot, HeldOrOrdered } from "@/lib/domain/approval-requests";
import { RU_PER_YEN } from "@/lib/domain/billing";
import { HOURS_PER_MONTH, findZone } from "@/lib/domain/catalog";
import { ReservationRequest, type ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import { orgContext } from "../access/org-context";
import { reservationHold } from "../approvals/account-manager-approval";
import { answeredUnder, holdOrder, requireApprovalInput, type HoldableOrderOptions } from "../approvals/request-approval";
import { fingerprintOf } from "../operations/record-operation";
import { isTemporary } from "../operations/retry-rule";
import { assertResidencyAllowed } from "../residency/residency-policy";
import { orderReservation } from "./order-reservation";
import { fleetNow, priceFor, windowOf } from "./reservation-terms";

// A reservation order under a 稟議 rule (reservation.create): the rule weighs the reservation's
// monthly rate — the reserved rate per node-hour (after the term and contract discounts) × nodes
// × 730 hours, rounded down once — the same monthly basis as every other order, whatever the term
// (the term's whole commitment is on the quote and the request's order). When a rule applies
// nothing is sent to the fleet: the order waits in the request, and on the last approval the
// executor runs it through orderReservation (every check again, exactly once by the derived key).
// A contract may also require the account manager's approval above a total commitment: the same
// request, with the manager's stage last (../approvals/account-manager-approval.ts).

export async function placeReservationOrder(cp: ControlPlane, principal: Principal, slug: string, raw: ReservationRequestInput, options: HoldableOrderOptions = {}): Promise<HeldOrOrdered> {
  const input = ReservationRequest.parse(raw);
  const { approval, ...order } = input;
  if (options.approvedRequestId === undefined) {
    const { db, orgId, access } = await orgContext(principal, slug, "reservations.order");
    // The intent orderReservation records (without 件名・目的), so a retry finds either answer.
    const fingerprint = fingerprintOf("reservation.create", null, order);
    const answered = await answeredUnder(db, orgId, options.idempotencyKey, fingerprint, principal.userId, false);
    if (answered) return answered;
    const zone = findZone(input.zoneId)!;
    await assertResidencyAllowed(db, orgId, zone.regionId, "zoneId");
    const nowMs = await fleetNow(cp).catch((error: unknown) => {
      if (isTemporary(error)) return Date.now();
      throw error;
    });
    const window = windowOf(input, nowMs);
    const price = await priceFor(db, orgId, input, window.startsAt);
    const perHourRu = price.reservedHourRu * BigInt(input.count);
    const perMonth = Number((perHourRu * BigInt(HOURS_PER_MONTH)) / RU_PER_YEN);
    // The org's 稟議 rule, and the account manager's stage when the contract asks for it.
    const policy = await reservationHold(db, orgId, { monthlyJpy: perMonth, totalCommitmentJpy: price.totalCommitmentJpy }, window.startsAt);
    if (policy) {
      requireApprovalInput({ approval, policy });
      return holdOrder(db, principal, access.org, {
        action: "reservation.create",
        approval,
        order: { ...order, totalCommitmentJpy: price.totalCommitmentJpy, termDays: price.termDays },
        targetName: `${input.count} × ${input.shapeId} (${zone.id})`,
        perHour: Math.round((Number(perHourRu) / Number(RU_PER_YEN)) * 100) / 100,
        perMonth,
        basis: price.contractDiscountBps > 0 ? "contract" : "list",
        policy,
        // Reservations carry no cost center yet (issue 17 §2 "when they exist").
        allocation: { costCenterId: null, poNumber: null },
        snapshot: await availabilitySnapshot(cp, input, window),
        fingerprint,
      }, options);
    }
  }
  const { outcome } = options;
  const operation = await orderReservation(cp, principal, slug, order, {
    idempotencyKey: options.idempotencyKey,
    approvedRequestId: options.approvedRequestId,
    outcome: outcome && { recordIn: (tx, op) => outcome.recordIn(tx, { kind: "operation", operation: op }) },
  });
  return { kind: "operation", operation };
}

/** Whether the fleet could guarantee the machines for the window when asked (unknown during an outage). */
async function availabilitySnapshot(cp: ControlPlane, input: ReservationRequest, window: { startsAt: Date; endsAt: Date }): Promise<ApprovalSnapshot> {
  const availability = await cp
    .checkReservation({ shapeId: input.shapeId, zoneId: input.zoneId, count: input.count, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() })
    .catch((error: unknown) => {
      if (isTemporary(error)) return null;
      throw error;
    });
  return {
    capacityKnown: availability !== null,
    pools: [{ index: 0, shapeId: input.shapeId, requested: input.count, unit: null, available: null, level: null, wholeRacksAvailable: null, fits: availability ? availability.available : null, availableIn: [] }],
    quota: [],
  };
}
