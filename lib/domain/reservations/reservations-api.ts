import { z } from "zod";
import { findShape, NVL72_TRAYS_PER_RACK } from "../catalog/shapes";
import { findZone } from "../catalog/regions";
import { RESERVATION_TERM_IDS, isReservableShape } from "../billing/reserved-rates";
import { JstDate } from "../billing/jst";
import { Money, Timestamp } from "../common";
import { ApprovalRequestInput } from "../approvals";

// Reservations (キャパシティ予約, capacity blocks) in the public API: a shape × count in a zone,
// from a start (now, or 00:00 JST of a future date) for a term of one week to three years.

export const ReservationTerm = z.enum(RESERVATION_TERM_IDS).describe("1w, 1m (30 days), 3m (91), 6m (182), 1y (365), 2y (730), 3y (1095 days)");

export const ReservationRequest = z
  .object({
    shapeId: z.string().refine(isReservableShape, "this shape cannot be reserved (whole machines only; h100-1x is a slice of a shared host)"),
    zoneId: z.string().refine((id) => findZone(id) !== undefined, "unknown zone"),
    /** Nodes; for rack-scale shapes (gb200-tray) trays, a multiple of 18 (whole NVL72 racks). */
    count: z.number().int().min(1).max(1152),
    term: ReservationTerm,
    /** The first JST day of the reservation (it starts at 00:00 JST); null or absent = now. */
    startDate: JstDate.nullable().default(null),
    /** 件名・目的 for a 稟議, required when an approval rule applies to this order. */
    approval: ApprovalRequestInput.optional(),
  })
  .superRefine((r, ctx) => {
    if (findShape(r.shapeId)?.rackScale && r.count % NVL72_TRAYS_PER_RACK !== 0) {
      ctx.addIssue({ code: "custom", path: ["count"], message: `rack-scale shapes are reserved in whole NVL72 racks: count must be a multiple of ${NVL72_TRAYS_PER_RACK}` });
    }
  });
export type ReservationRequest = z.infer<typeof ReservationRequest>;
export type ReservationRequestInput = z.input<typeof ReservationRequest>;

export const ReservationQuote = z.object({
  shapeId: z.string(),
  zoneId: z.string(),
  regionId: z.string(),
  count: z.number().int(),
  unit: z.enum(["node", "rack"]),
  racks: z.number().int().nullable(),
  term: ReservationTerm,
  termDays: z.number().int(),
  hours: z.number().int(),
  startsAt: Timestamp,
  endsAt: Timestamp,
  listRatePerHour: z.string().describe("yen per node-hour at list price, decimal"),
  reservedRatePerHour: z.string().describe("yen per node-hour reserved, after term and contract discounts, decimal"),
  onDemandRatePerHour: z.string().describe("yen per node-hour on demand at this customer's price, decimal"),
  termDiscountPercent: z.string(),
  contractDiscountPercent: z.string(),
  totalCommitment: Money.describe("the whole term, billed whether used or not (excl. tax)"),
  onDemandEquivalent: Money.describe("the same node-hours on demand (excl. tax)"),
  saving: Money,
  breakEvenUtilisationPercent: z.string().describe("above this share of hours used, the reservation costs less than on-demand"),
  /** Whether the capacity can be guaranteed from the requested start; if not, the earliest start that can. */
  available: z.boolean(),
  earliestStartAt: Timestamp.nullable(),
  /**
   * Set when the total commitment exceeds the contract's threshold for the account manager's
   * approval (yen, excl. tax): the order will wait for that approval (with 件名・目的) before it is placed.
   */
  accountManagerApproval: z.object({ thresholdJpy: z.number().int() }).nullable(),
});
export type ReservationQuote = z.infer<typeof ReservationQuote>;

export const ReservationStatus = z.enum(["pending", "active", "expired", "cancelled"]);
export type ReservationStatus = z.infer<typeof ReservationStatus>;

export const ReservationUtilisation = z.object({
  /** GPU-hours drawn from the reservation so far (decimal, 3 places). */
  usedGpuHours: z.string(),
  /** GPU-hours reserved so far (from the start until now or the end). */
  reservedGpuHours: z.string(),
  percent: z.string(),
  /** The part of the charge so far that paid for unused hours. */
  idle: Money,
});
export type ReservationUtilisation = z.infer<typeof ReservationUtilisation>;

export const Reservation = z.object({
  id: z.string(),
  shapeId: z.string(),
  zoneId: z.string(),
  regionId: z.string(),
  count: z.number().int(),
  gpuCount: z.number().int(),
  term: ReservationTerm,
  status: ReservationStatus,
  startsAt: Timestamp,
  endsAt: Timestamp,
  reservedRatePerHour: z.string(),
  totalCommitment: Money,
  /** Nodes of this reservation that launches are using now. */
  inUse: z.number().int(),
  utilisation: ReservationUtilisation.nullable(),
  createdAt: Timestamp,
  createdBy: z.string().nullable(),
  cancelledAt: Timestamp.nullable(),
});
export type Reservation = z.infer<typeof Reservation>;
