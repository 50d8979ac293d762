// Consumption tax, the Japanese way for qualified invoices: once per invoice per tax rate, on
// the yen subtotal of that rate, rounded down. Summing per-line rounded taxes is not allowed:
// three ¥105 lines are a ¥315 subtotal → ¥31 tax (per-line rounding would give ¥30).

export const STANDARD_TAX_RATE_PERCENT = 10;

export function consumptionTax(subtotalJpy: number, ratePercent: number = STANDARD_TAX_RATE_PERCENT): number {
  if (!Number.isSafeInteger(subtotalJpy) || subtotalJpy < 0) throw new RangeError("subtotal must be a non-negative whole yen amount");
  if (!Number.isInteger(ratePercent)) throw new RangeError("tax rate must be a whole percent");
  return Number((BigInt(subtotalJpy) * BigInt(ratePercent)) / 100n);
}
