import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { addDays, contractOn, floorYen, jstDateOf, jstMonthOf, jstMonthRange, linearForecastRu, firstDayOfMonth, toSafeNumber, type Contract } from "@/lib/domain/billing";
import { loadContracts } from "./contracts";
import { queryRatedRollups } from "./rated-rollups";

// Month-to-date spend and a month-end forecast for the JST month containing `now`, excluding
// tax. The forecast is the linear run rate: spend so far ÷ time elapsed × length of the month.

export interface MonthToDate {
  month: string;
  asOf: string;
  monthToDateJpy: number;
  monthToDateExactRu: string;
  forecastJpy: number;
  /** Share of the month elapsed, 0–1. */
  elapsedFraction: number;
  byService: Array<{ service: string; monthToDateJpy: number }>;
  committedMonthlyJpy: number;
  creditLimitJpy: number | null;
}

export async function monthToDateRu(
  db: DbOrTx,
  orgId: string,
  now: Date,
  contracts?: readonly Contract[],
): Promise<{ month: string; ratedRu: bigint; byService: Map<string, bigint> }> {
  const month = jstMonthOf(now);
  contracts ??= await loadContracts(db, orgId);
  const rows = await queryRatedRollups(db, orgId, { from: firstDayOfMonth(month), to: addDays(jstDateOf(now), 1) }, ["service"], contracts);
  const byService = new Map(rows.map((r) => [r.keys.service as string, r.ratedRu]));
  return { month, ratedRu: rows.reduce((s, r) => s + r.ratedRu, 0n), byService };
}

/** This JST month's rated spend per cost center id ("" = charged to none). */
export async function monthToDateByCostCenter(db: DbOrTx, orgId: string, now: Date, contracts?: readonly Contract[]): Promise<Map<string, bigint>> {
  const month = jstMonthOf(now);
  contracts ??= await loadContracts(db, orgId);
  const rows = await queryRatedRollups(db, orgId, { from: firstDayOfMonth(month), to: addDays(jstDateOf(now), 1) }, ["costCenter"], contracts);
  return new Map(rows.map((r) => [r.keys.costCenter as string, r.ratedRu]));
}

export async function monthToDateAndForecast(db: DbOrTx, orgId: string, now: Date): Promise<MonthToDate> {
  const contracts = await loadContracts(db, orgId);
  const { month, ratedRu, byService } = await monthToDateRu(db, orgId, now, contracts);
  const { start, end } = jstMonthRange(month);
  const elapsed = now.getTime() - start.getTime();
  const length = end.getTime() - start.getTime();
  const contract = contractOn(contracts, jstDateOf(now));
  return {
    month,
    asOf: now.toISOString(),
    monthToDateJpy: toSafeNumber(floorYen(ratedRu)),
    monthToDateExactRu: ratedRu.toString(),
    forecastJpy: toSafeNumber(floorYen(linearForecastRu(ratedRu, elapsed, length))),
    elapsedFraction: Math.min(1, Math.max(0, elapsed / length)),
    byService: [...byService].map(([service, ru]) => ({ service, monthToDateJpy: toSafeNumber(floorYen(ru)) })),
    committedMonthlyJpy: contract?.committedMonthlyJpy ?? 0,
    creditLimitJpy: contract?.creditLimitJpy ?? null,
  };
}
