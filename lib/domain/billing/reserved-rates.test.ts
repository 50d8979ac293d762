import { describe, expect, it } from "vitest";
import { DEFAULT_PRICE_BOOK } from "./price-book";
import { RESERVATION_TERMS, hourRateYen, isReservableShape, priceReservation, reservationChargeRu, reservationUnit } from "./reserved-rates";
import { RU_PER_YEN, floorYen } from "./units";

describe("reserved rates", () => {
  it("gives a larger discount for every longer term, from one week to three years", () => {
    expect(RESERVATION_TERMS[0]).toMatchObject({ id: "1w", days: 7 });
    expect(RESERVATION_TERMS.at(-1)).toMatchObject({ id: "3y", days: 1095 });
    for (let i = 1; i < RESERVATION_TERMS.length; i++) {
      expect(RESERVATION_TERMS[i].discountBps).toBeGreaterThan(RESERVATION_TERMS[i - 1].discountBps);
      expect(RESERVATION_TERMS[i].days).toBeGreaterThan(RESERVATION_TERMS[i - 1].days);
    }
  });

  it("prices four h100-8x for a week at 5 % off list, to the yen", () => {
    const price = priceReservation({ shapeId: "h100-8x", count: 4, termId: "1w", contractDiscountBps: 0 }, DEFAULT_PRICE_BOOK);
    // ¥7,200 × 0.95 = ¥6,840 per node-hour; × 4 nodes × 168 h = ¥4,596,480.
    expect(hourRateYen(price.reservedHourRu)).toBe("6840");
    expect(price.hours).toBe(168);
    expect(price.totalCommitmentJpy).toBe(4_596_480);
    expect(price.onDemandEquivalentJpy).toBe(7200 * 4 * 168);
    expect(price.savingJpy).toBe(7200 * 4 * 168 - 4_596_480);
    expect(price.breakEvenUtilisationPercent).toBe("95.00");
  });

  it("applies the contract discount on top of the term discount (multiplied, not added)", () => {
    const price = priceReservation({ shapeId: "h200-8x", count: 1, termId: "1y", contractDiscountBps: 1000 }, DEFAULT_PRICE_BOOK);
    // ¥8,800 × 0.70 × 0.90 = ¥5,544 per hour (37 % off list, not 40 %).
    expect(hourRateYen(price.reservedHourRu)).toBe("5544");
    expect(hourRateYen(price.onDemandHourRu)).toBe("7920");
    expect(price.totalCommitmentJpy).toBe(5544 * 365 * 24);
    // Break-even against the customer's own on-demand price: 5544 / 7920 = 70 %.
    expect(price.breakEvenUtilisationPercent).toBe("70.00");
  });

  it("keeps fractional rates exact and rounds the commitment down once", () => {
    const price = priceReservation({ shapeId: "l40s-1x", count: 3, termId: "3m", contractDiscountBps: 333 }, DEFAULT_PRICE_BOOK);
    // ¥290 × 0.85 × 0.9667 = ¥238.29155 per hour; the total is floored once, not per hour.
    const exactTotal = price.reservedHourRu * 3n * BigInt(91 * 24);
    expect(price.totalCommitmentJpy).toBe(Number(floorYen(exactTotal)));
    expect(hourRateYen(price.reservedHourRu)).toBe("238.29155");
  });

  it("charges a month its share of the term by the second", () => {
    const { reservedHourRu } = priceReservation({ shapeId: "h100-8x", count: 2, termId: "1m", contractDiscountBps: 0 }, DEFAULT_PRICE_BOOK);
    // 90 minutes of two nodes at ¥6,480/h = ¥19,440.
    expect(reservationChargeRu(reservedHourRu, 2, 5400)).toBe(19_440n * RU_PER_YEN);
  });

  it("reserves whole machines only, and GB200 in whole NVL72 racks", () => {
    expect(isReservableShape("h100-8x")).toBe(true);
    expect(isReservableShape("h100-1x")).toBe(false);
    expect(isReservableShape("nope")).toBe(false);
    expect(reservationUnit("gb200-tray")).toEqual({ unit: "rack", nodesPerUnit: 18 });
    expect(reservationUnit("b200-8x")).toEqual({ unit: "node", nodesPerUnit: 1 });
  });
});
