import "server-only";
import { inArray, and, eq } from "drizzle-orm";
import type { Principal } from "@/lib/auth/principal";
import type { ControlPlane } from "@/lib/control-plane";
import type { DbOrTx } from "@/lib/db/client";
import { capacityReservations } from "@/lib/db/schema";
import { reservationChargesBetween } from "@/lib/billing/reservation-charges";
import { hourRateYen, jstDayStart, jstMonthRange, nextMonth, ratioToDecimal } from "@/lib/domain/billing";
import { reservationLine } from "@/lib/domain/billing/reservation-line";
import type { CostReport, CostReservations } from "@/lib/domain/billing-api";
import { isAppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { fleetNow } from "../reservations/reservation-terms";
import { reservationUtilisation } from "../reservations/reservation-utilisation";
import { statusAt } from "../reservations/to-reservation";
import { usageCosts, type CostQuery } from "./get-costs";
import { resolveRange } from "./date-range";

// The cost explorer's answer: usage costs of the range (get-costs.ts) and, beside them, the
// reservations whose terms overlap it. A reservation's charge is what the invoices bill for the
// part of its term inside the range (each JST month computed and floored as close-month does);
// its utilisation and idle yen are the reservation page's (the whole term so far). Reservation
// charges are their own invoice lines, so they stay out of the usage rows and total.

export async function getCostReport(
  cp: ControlPlane,
  principal: Principal,
  slug: string,
  query: CostQuery,
  now: Date = new Date(),
): Promise<CostReport> {
  // One access check (a staff member's view is audited once per request, not once per part).
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const usage = await usageCosts(db, orgId, query, now);
  return { ...usage, reservations: await rangeReservations(db, orgId, resolveRange(query, now), await fleetNowOr(cp, now)) };
}

/**
 * Costs come from the database and must not fail with the control plane: while it is
 * unreachable, the reservations' state and utilisation are as of this server's clock (the
 * control plane's clock is the wall clock outside tests).
 */
async function fleetNowOr(cp: ControlPlane, now: Date): Promise<number> {
  try {
    return await fleetNow(cp);
  } catch (error) {
    if (isAppError(error) && error.code === "control_plane_unavailable") return now.getTime();
    throw error;
  }
}

async function rangeReservations(db: DbOrTx, orgId: string, range: { from: string; to: string }, nowMs: number): Promise<CostReservations> {
  const start = jstDayStart(range.from);
  const end = jstDayStart(range.to);
  // Per reservation: node-seconds and whole yen, month by month as the invoices bill them.
  const charged = new Map<string, { nodeSeconds: bigint; yen: number }>();
  for (let month = range.from.slice(0, 7); jstMonthRange(month).start < end; month = nextMonth(month)) {
    const m = jstMonthRange(month);
    const sliceStart = m.start > start ? m.start : start;
    const sliceEnd = m.end < end ? m.end : end;
    for (const charge of await reservationChargesBetween(db, orgId, sliceStart, sliceEnd)) {
      const sum = charged.get(charge.reservationId) ?? { nodeSeconds: 0n, yen: 0 };
      sum.nodeSeconds += BigInt(charge.seconds) * BigInt(charge.count);
      sum.yen += reservationLine(charge, 0).amountJpy;
      charged.set(charge.reservationId, sum);
    }
  }
  if (charged.size === 0) return { items: [], chargeJpy: 0 };
  const rows = await db
    .select()
    .from(capacityReservations)
    .where(and(eq(capacityReservations.orgId, orgId), inArray(capacityReservations.id, [...charged.keys()])));
  rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
  const utilisation = await reservationUtilisation(db, orgId, rows, nowMs);
  const items = rows.map((r) => {
    const sum = charged.get(r.id)!;
    return {
      id: r.id,
      shapeId: r.shapeId,
      zoneId: r.zoneId,
      regionId: r.regionId,
      count: r.count,
      gpuCount: r.gpuCount,
      status: statusAt(r, nowMs),
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      reservedRatePerHour: hourRateYen(r.reservedHourRu),
      nodeHoursInRange: ratioToDecimal(sum.nodeSeconds, 3600n, 3),
      chargeJpy: sum.yen,
      utilisation: utilisation.get(r.id) ?? null,
    };
  });
  return { items, chargeJpy: items.reduce((t, i) => t + i.chargeJpy, 0) };
}
