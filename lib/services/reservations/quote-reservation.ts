import "server-only";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import { bpsToPercentString, hourRateYen, reservationUnit, RU_PER_MICRO_YEN_SECOND_PER_HOUR, SECONDS_PER_HOUR } from "@/lib/domain/billing";
import { findZone } from "@/lib/domain/catalog";
import { yen } from "@/lib/domain/common";
import { ReservationRequest, type ReservationQuote, type ReservationRequestInput } from "@/lib/domain/reservations/reservations-api";
import { orgContext } from "../access/org-context";
import { accountManagerThreshold } from "../approvals/account-manager-approval";
import { assertResidencyAllowed } from "../residency/residency-policy";
import { fleetNow, priceFor, windowOf } from "./reservation-terms";

// The price of a reservation before ordering (reads only): the reserved rate per node-hour with
// the term discount and the contract discount on top, the total commitment, the same hours on
// demand, and whether the fleet can guarantee the window — if not, the earliest start it can —
// and whether the contract makes the order wait for the account manager's approval.

export async function quoteReservation(cp: ControlPlane, principal: Principal, slug: string, rawInput: ReservationRequestInput): Promise<ReservationQuote> {
  const input = ReservationRequest.parse(rawInput);
  const { db, orgId } = await orgContext(principal, slug, "reservations.read");
  const zone = findZone(input.zoneId)!;
  await assertResidencyAllowed(db, orgId, zone.regionId, "zoneId");
  const window = windowOf(input, await fleetNow(cp));
  const price = await priceFor(db, orgId, input, window.startsAt);
  const availability = await cp.checkReservation({ shapeId: input.shapeId, zoneId: input.zoneId, count: input.count, startsAt: window.startsAt.toISOString(), endsAt: window.endsAt.toISOString() });
  const unit = reservationUnit(input.shapeId);
  const thresholdJpy = await accountManagerThreshold(db, orgId, price.totalCommitmentJpy, window.startsAt);
  return {
    shapeId: input.shapeId,
    zoneId: zone.id,
    regionId: zone.regionId,
    count: input.count,
    unit: unit.unit,
    racks: unit.unit === "rack" ? input.count / unit.nodesPerUnit : null,
    term: input.term,
    termDays: price.termDays,
    hours: price.hours,
    startsAt: window.startsAt.toISOString(),
    endsAt: window.endsAt.toISOString(),
    listRatePerHour: hourRateYen(price.listHourMicro * RU_PER_MICRO_YEN_SECOND_PER_HOUR * SECONDS_PER_HOUR),
    reservedRatePerHour: hourRateYen(price.reservedHourRu),
    onDemandRatePerHour: hourRateYen(price.onDemandHourRu),
    termDiscountPercent: bpsToPercentString(price.termDiscountBps),
    contractDiscountPercent: bpsToPercentString(price.contractDiscountBps),
    totalCommitment: yen(price.totalCommitmentJpy),
    onDemandEquivalent: yen(price.onDemandEquivalentJpy),
    saving: yen(price.savingJpy),
    breakEvenUtilisationPercent: price.breakEvenUtilisationPercent,
    available: availability.available,
    earliestStartAt: availability.earliestStartAt,
    accountManagerApproval: thresholdJpy === null ? null : { thresholdJpy },
  };
}
