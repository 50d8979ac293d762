import { addDays, jstDateOf, jstDayStart } from "./jst";

// A metering interval can cross JST midnight (and so a month boundary). Usage is attributed to
// JST days by the share of the interval that falls in each day. Quantities are whole numbers
// (seconds, tokens), so the split uses cumulative floors: every part is an integer, the parts
// always add up to the whole, and the same record always splits the same way.

export interface DaySlice {
  day: string;
  /** Milliseconds of the interval that fall in this JST day. */
  ms: number;
}

/** The JST days an interval [startMs, endMs) touches. A zero-length interval belongs to its start day. */
export function splitByJstDay(startMs: number, endMs: number): DaySlice[] {
  if (endMs < startMs) throw new RangeError("interval ends before it starts");
  const firstDay = jstDateOf(startMs);
  if (endMs === startMs) return [{ day: firstDay, ms: 0 }];
  const slices: DaySlice[] = [];
  let day = firstDay;
  let cursor = startMs;
  while (cursor < endMs) {
    const next = addDays(day, 1);
    const boundary = jstDayStart(next).getTime();
    const sliceEnd = Math.min(boundary, endMs);
    slices.push({ day, ms: sliceEnd - cursor });
    cursor = sliceEnd;
    day = next;
  }
  return slices;
}

/**
 * Splits `total` into integers proportional to `weights` (cumulative floor). The parts sum to
 * `total` exactly. With all weights zero, everything goes to the first part.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  if (weights.length === 1) return [total];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  // BigInt: tokens × milliseconds can exceed 2^53.
  const t = BigInt(total);
  const s = BigInt(sum);
  const out: number[] = [];
  let cumulativeWeight = 0n;
  let previous = 0n;
  for (const w of weights) {
    cumulativeWeight += BigInt(w);
    const upTo = (t * cumulativeWeight) / s;
    out.push(Number(upTo - previous));
    previous = upTo;
  }
  return out;
}
