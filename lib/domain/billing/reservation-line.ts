import { findRegion } from "../catalog/regions";
import { hourRateYen, reservationChargeRu } from "./reserved-rates";
import { STANDARD_TAX_RATE_PERCENT } from "./tax";
import type { InvoiceLine } from "./invoice";
import { floorYen, ratioToDecimal, toSafeNumber } from "./units";

// A reservation's invoice line for one JST month: its node-seconds within the month at the rate
// accepted when it was ordered, whether used or not. One line per reservation, floored once.

export interface ReservationCharge {
  reservationId: string;
  shapeId: string;
  regionId: string;
  count: number;
  gpuCount: number;
  /** Seconds of the term that fall within the month. */
  seconds: number;
  reservedHourRu: bigint;
  /** JST dates of the part of the term in the month, for the description. */
  fromDate: string;
  toDate: string;
}

export function reservationLine(charge: ReservationCharge, lineNo: number): InvoiceLine {
  const amountRu = reservationChargeRu(charge.reservedHourRu, charge.count, charge.seconds);
  const region = findRegion(charge.regionId);
  const nodeSeconds = BigInt(charge.seconds) * BigInt(charge.count);
  return {
    lineNo,
    kind: "reservation",
    service: null,
    sku: charge.shapeId,
    regionId: charge.regionId,
    descriptionJa: `キャパシティ予約 ${charge.reservationId} ${charge.shapeId}×${charge.count} ${region?.nameJa ?? charge.regionId}（${charge.fromDate}〜${charge.toDate}）`,
    descriptionEn: `Capacity reservation ${charge.reservationId}, ${charge.shapeId} × ${charge.count}, ${region?.nameEn ?? charge.regionId} (${charge.fromDate} to ${charge.toDate})`,
    quantity: ratioToDecimal(nodeSeconds, 3600n, 3),
    unitJa: "ノード時間",
    unitEn: "node-hours",
    seconds: Number(nodeSeconds),
    gpuSeconds: Number(nodeSeconds) * (charge.gpuCount / charge.count),
    gpuHours: ratioToDecimal(nodeSeconds * BigInt(charge.gpuCount / charge.count), 3600n, 3),
    tokens: 0,
    unitPriceJpy: hourRateYen(charge.reservedHourRu),
    // The term and contract discounts are in the rate already.
    discountPercent: "0.00",
    listAmountRu: amountRu.toString(),
    amountRu: amountRu.toString(),
    amountJpy: toSafeNumber(floorYen(amountRu)),
    taxRatePercent: STANDARD_TAX_RATE_PERCENT,
  };
}
