// Exact money for rating. Amounts are integers of "rating units" (ru): 1 yen = 36e12 ru.
// Why this number: list prices are micro-yen per hour (×1e6) applied to whole seconds (×3600),
// token prices are micro-yen per token (×1e6), and contract discounts are basis points (×1e4).
// With 3600 × 1e6 × 1e4 ru per yen every list amount, every discounted amount and every sum of
// them is an exact integer: nothing drifts and nothing is rounded per record. The only rounding
// happens where the invoice rules say (once per line group, once per invoice per tax rate).

export const RU_PER_YEN = 36_000_000_000_000n;
export const MICRO_PER_YEN = 1_000_000n;
export const BPS_PER_WHOLE = 10_000n;
export const SECONDS_PER_HOUR = 3_600n;

/** ru of one second at a price of 1 micro-yen per hour (RU_PER_YEN / (1e6 × 3600)). */
export const RU_PER_MICRO_YEN_SECOND_PER_HOUR = RU_PER_YEN / (MICRO_PER_YEN * SECONDS_PER_HOUR);
/** ru of one token at a price of 1 micro-yen per token. */
export const RU_PER_MICRO_YEN = RU_PER_YEN / MICRO_PER_YEN;

/** Floor division for bigint (BigInt's `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Whole yen, rounded down (円未満切り捨て). */
export function floorYen(ru: bigint): bigint {
  return floorDiv(ru, RU_PER_YEN);
}

/** A safe JS number of whole yen; money columns and invoice totals are integers of yen. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`amount ${value} is beyond the safe integer range`);
  }
  return Number(value);
}

/**
 * `numerator / denominator` as a decimal string with `decimals` places, truncated toward zero.
 * Used for display and export only (quantities in hours, exact yen in FOCUS rows).
 */
export function ratioToDecimal(numerator: bigint, denominator: bigint, decimals: number): string {
  const negative = (numerator < 0n) !== (denominator < 0n) && numerator !== 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const scale = 10n ** BigInt(decimals);
  const scaled = (n * scale) / d;
  const whole = scaled / scale;
  const frac = scaled % scale;
  const body = decimals > 0 ? `${whole}.${frac.toString().padStart(decimals, "0")}` : `${whole}`;
  return negative && scaled !== 0n ? `-${body}` : body;
}

/** ru as yen with `decimals` places (truncated), e.g. for cost exports. */
export function ruToYenDecimal(ru: bigint, decimals = 6): string {
  return ratioToDecimal(ru, RU_PER_YEN, decimals);
}

/** ru as an approximate JS number of yen, for charts only; never for sums that reach an invoice. */
export function ruToYenApprox(ru: bigint): number {
  return Number(ruToYenDecimal(ru, 6));
}

/** Micro-yen from whole yen (price books in the catalog are whole yen). */
export function yenToMicro(yen: number): bigint {
  if (!Number.isInteger(yen)) throw new RangeError(`price ${yen} must be whole yen; give micro-yen instead`);
  return BigInt(yen) * MICRO_PER_YEN;
}

/**
 * Percent (0–100, at most two decimals) → basis points. Rejects values a float cannot carry
 * exactly to two decimals, so 12.345 % is an error rather than a silent rounding.
 */
export function percentToBps(percent: number): number {
  const scaled = percent * 100;
  const bps = Math.round(scaled);
  if (!Number.isFinite(percent) || Math.abs(scaled - bps) > 1e-7 || bps < 0 || bps > 10_000) {
    throw new RangeError(`discount ${percent}% must be between 0 and 100 with at most two decimals`);
  }
  return bps;
}

export function bpsToPercentString(bps: number): string {
  return ratioToDecimal(BigInt(bps), 100n, 2);
}

/**
 * The discounted amount. Exact because every list amount is a multiple of 1e4 ru
 * (see RU_PER_YEN); a non-multiple means a caller built amounts outside this module.
 */
export function applyDiscount(listRu: bigint, discountBps: number): bigint {
  if (listRu % BPS_PER_WHOLE !== 0n) throw new RangeError("list amount is not a multiple of 1e4 ru");
  return (listRu / BPS_PER_WHOLE) * (BPS_PER_WHOLE - BigInt(discountBps));
}
