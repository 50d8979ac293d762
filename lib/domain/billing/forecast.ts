// Month-end forecast: the month's spend so far, extended at the same rate to the end of the JST
// month (a linear run rate). Early in a month the forecast swings; callers show it as an estimate.

export function linearForecastRu(monthToDateRu: bigint, elapsedMs: number, monthMs: number): bigint {
  if (monthMs <= 0) throw new RangeError("month length must be positive");
  if (elapsedMs <= 0) return monthToDateRu;
  if (elapsedMs >= monthMs) return monthToDateRu;
  return (monthToDateRu * BigInt(monthMs)) / BigInt(Math.round(elapsedMs));
}
