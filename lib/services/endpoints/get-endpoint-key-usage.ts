import "server-only";
import type { Principal } from "@/lib/auth/principal";
import { addDays, firstDayOfMonth, jstDateOf, jstMonthOf, jstMonthRange } from "@/lib/domain/billing/jst";
import { KeyUsageQuery, MAX_USAGE_DAYS, ZERO_USAGE, type KeyUsage, type KeyUsageDay, type KeyUsageTotals } from "@/lib/domain/endpoint-key-usage";
import { AppError } from "@/lib/domain/errors";
import { orgContext } from "../access/org-context";
import { keyUsageDays, loadEndpointKey } from "./key-usage-records";
import { loadEndpoint } from "./records";

// Requests and tokens of one endpoint key per JST day — what an org charges back to the
// application that owns the key — with this month's total against the key's budget.

const add = (a: KeyUsageTotals, b: KeyUsageTotals): KeyUsageTotals => ({
  requests: a.requests + b.requests,
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
});

function daySpan(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export async function getEndpointKeyUsage(principal: Principal, slug: string, endpointId: string, keyId: string, raw: KeyUsageQuery = {}, now = new Date()): Promise<KeyUsage> {
  const query = KeyUsageQuery.parse(raw);
  const { db, orgId } = await orgContext(principal, slug, "endpoints.read");
  await loadEndpoint(db, orgId, endpointId, { includeDeleted: true });
  const key = await loadEndpointKey(db, orgId, endpointId, keyId);

  const to = query.to ?? jstDateOf(now);
  const from = query.from ?? addDays(to, -29);
  if (daySpan(from, to) > MAX_USAGE_DAYS) throw new AppError("validation_failed", `Ask for at most ${MAX_USAGE_DAYS} days at a time.`, { field: "from" });

  const month = jstMonthOf(now);
  const monthStart = firstDayOfMonth(month);
  const today = jstDateOf(now);
  // One read covers both the asked range and this month (the month may lie outside the range).
  const lo = from < monthStart ? from : monthStart;
  const hi = to > today ? to : today;
  const stored = await keyUsageDays(db, orgId, key.id, lo, hi);
  const byDay = new Map(stored.map((d) => [d.day, d]));

  const days: KeyUsageDay[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(byDay.get(day) ?? { day, ...ZERO_USAGE });
  const total = days.reduce<KeyUsageTotals>((sum, d) => add(sum, d), ZERO_USAGE);
  const monthToDate = stored.filter((d) => d.day >= monthStart && d.day <= today).reduce<KeyUsageTotals>((sum, d) => add(sum, d), ZERO_USAGE);

  return {
    keyId: key.id,
    endpointId,
    from,
    to,
    days: days.map((d) => ({ day: d.day, requests: d.requests, inputTokens: d.inputTokens, outputTokens: d.outputTokens })),
    total,
    monthToDate,
    monthlyTokenBudget: key.monthlyTokenBudget,
    budgetResetsAt: jstMonthRange(month).end.toISOString(),
  };
}
