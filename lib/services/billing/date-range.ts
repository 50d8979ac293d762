import "server-only";
import { addDays, firstDayOfMonth, jstDateOf, jstMonthOf } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";

// Cost and usage ranges are JST days [from, to). Without them: this JST month so far (to = tomorrow).

export const MAX_RANGE_DAYS = 400;

export function resolveRange(query: { from?: string; to?: string }, now: Date): { from: string; to: string } {
  const from = query.from ?? firstDayOfMonth(jstMonthOf(now));
  const to = query.to ?? addDays(jstDateOf(now), 1);
  if (from >= to) throw new AppError("validation_failed", "from must be before to", { field: "from" });
  if (Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError("validation_failed", `a range covers at most ${MAX_RANGE_DAYS} days`, { field: "to" });
  }
  return { from, to };
}
