import { findShape, NVL72_TRAYS_PER_RACK } from "../catalog/shapes";
import { listUnitPriceMicro, type PriceBook } from "./price-book";
import { BPS_PER_WHOLE, RU_PER_MICRO_YEN_SECOND_PER_HOUR, SECONDS_PER_HOUR, floorYen, ratioToDecimal, RU_PER_YEN, toSafeNumber } from "./units";

// Reserved capacity (capacity blocks): the discount grows with the term. The table sits beside
// the price book because it is a price: the reserved hourly rate is the list price less the term
// discount, and a customer's contract discount (contract.ts) applies on top of that, multiplied,
// not added (10 % contract on a 30 % term discount is 37 % off list, not 40 %).
//
// A reservation is billed for every hour of its term whether used or not; usage drawn from it is
// not billed again. So the honest comparison with on-demand is "the same use": the block pays
// off when it is used for more than (1 − term discount) of its hours.

export const RESERVATION_TERMS = [
  { id: "1w", days: 7, discountBps: 500 },
  { id: "1m", days: 30, discountBps: 1000 },
  { id: "3m", days: 91, discountBps: 1500 },
  { id: "6m", days: 182, discountBps: 2000 },
  { id: "1y", days: 365, discountBps: 3000 },
  { id: "2y", days: 730, discountBps: 3800 },
  { id: "3y", days: 1095, discountBps: 4500 },
] as const;

export type ReservationTermId = (typeof RESERVATION_TERMS)[number]["id"];
export const RESERVATION_TERM_IDS = RESERVATION_TERMS.map((t) => t.id) as [ReservationTermId, ...ReservationTermId[]];

export function findTerm(id: string): (typeof RESERVATION_TERMS)[number] | undefined {
  return RESERVATION_TERMS.find((t) => t.id === id);
}

/**
 * Shapes that can be reserved: every whole machine. An h100-1x is a slice of a shared host, which
 * a reservation cannot hold for one tenant without holding the other seven GPUs too.
 */
export function isReservableShape(shapeId: string): boolean {
  const shape = findShape(shapeId);
  return shape !== undefined && shape.id !== "h100-1x";
}

/** Rack-scale shapes are reserved in whole NVL72 racks (18 trays, one NVLink domain). */
export function reservationUnit(shapeId: string): { unit: "node" | "rack"; nodesPerUnit: number } {
  return findShape(shapeId)?.rackScale ? { unit: "rack", nodesPerUnit: NVL72_TRAYS_PER_RACK } : { unit: "node", nodesPerUnit: 1 };
}

export interface ReservationPriceInput {
  shapeId: string;
  /** Nodes (trays for rack-scale shapes: a multiple of 18). */
  count: number;
  termId: ReservationTermId;
  /** The customer's contract discount for this shape's GPU model, in basis points. */
  contractDiscountBps: number;
}

export interface ReservationPrice {
  termDays: number;
  hours: number;
  termDiscountBps: number;
  contractDiscountBps: number;
  /** List price per instance-hour in micro-yen. */
  listHourMicro: bigint;
  /** Exact reserved rate per instance-hour, in rating units (ru; 1 yen = 36e12 ru). */
  reservedHourRu: bigint;
  /** Exact on-demand rate per instance-hour for this customer (list less contract discount), ru. */
  onDemandHourRu: bigint;
  /** The whole term: count × hours × reserved rate, rounded down to the yen once. */
  totalCommitmentJpy: number;
  /** The same hours on demand at the customer's price, rounded down once. */
  onDemandEquivalentJpy: number;
  savingJpy: number;
  /** The share of hours above which the reservation costs less than on-demand (e.g. "95.00"). */
  breakEvenUtilisationPercent: string;
}

/** Exact arithmetic: the reserved rate is list × (1 − term) × (1 − contract), kept in ru. */
export function priceReservation(input: ReservationPriceInput, priceBook: PriceBook): ReservationPrice {
  const term = findTerm(input.termId);
  if (!term) throw new RangeError(`unknown reservation term ${input.termId}`);
  const listHourMicro = listUnitPriceMicro(priceBook, input.shapeId);
  if (listHourMicro === undefined) throw new RangeError(`no list price for ${input.shapeId}`);
  const listHourRu = listHourMicro * RU_PER_MICRO_YEN_SECOND_PER_HOUR * SECONDS_PER_HOUR;
  const keep = (bps: number) => BPS_PER_WHOLE - BigInt(bps);
  // listHourRu is a multiple of 36e6 × 1e6 for whole-yen prices, so both divisions are exact; for
  // a fractional micro-yen price the rate is rounded down to the ru, far below a yen.
  const onDemandHourRu = (listHourRu * keep(input.contractDiscountBps)) / BPS_PER_WHOLE;
  const reservedHourRu = (listHourRu * keep(term.discountBps) * keep(input.contractDiscountBps)) / (BPS_PER_WHOLE * BPS_PER_WHOLE);
  const hours = BigInt(term.days * 24);
  const nodeHours = hours * BigInt(input.count);
  const totalCommitmentJpy = toSafeNumber(floorYen(reservedHourRu * nodeHours));
  const onDemandEquivalentJpy = toSafeNumber(floorYen(onDemandHourRu * nodeHours));
  return {
    termDays: term.days,
    hours: term.days * 24,
    termDiscountBps: term.discountBps,
    contractDiscountBps: input.contractDiscountBps,
    listHourMicro,
    reservedHourRu,
    onDemandHourRu,
    totalCommitmentJpy,
    onDemandEquivalentJpy,
    savingJpy: onDemandEquivalentJpy - totalCommitmentJpy,
    breakEvenUtilisationPercent: onDemandHourRu === 0n ? "0.00" : ratioToDecimal(reservedHourRu * 100n, onDemandHourRu, 2),
  };
}

/** ru per hour as a yen decimal string for display ("6840", "6156.72"). */
export function hourRateYen(ru: bigint): string {
  const s = ratioToDecimal(ru, RU_PER_YEN, 6);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

/**
 * The charge of `count` reserved nodes for the seconds of their term that fall in [from, to):
 * exact ru (the invoice floors a line once). Seconds, not hours, so a term that starts at 00:00
 * JST on the 7th charges a month exactly its share.
 */
export function reservationChargeRu(reservedHourRu: bigint, count: number, seconds: number): bigint {
  return (reservedHourRu * BigInt(count) * BigInt(seconds)) / SECONDS_PER_HOUR;
}
