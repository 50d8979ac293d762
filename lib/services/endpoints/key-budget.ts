import "server-only";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpointKeyUsage } from "@/lib/db/schema";
import { firstDayOfMonth, jstMonthOf, jstMonthRange, lastDayOfMonth } from "@/lib/domain/billing/jst";
import { keyTokensInProcess } from "./metering-buffer";
import { intervalSetting } from "@/lib/server/env-settings";

// The gateway's check of a key's monthly token budget, without a database read per request:
// the month's total is read at most once per key every few seconds and this process's own
// tokens since then are added from the metering buffer's counters. Several instances each count
// their own traffic exactly and see the others' within a flush interval plus this TTL — a budget
// can be overrun by what the fleet serves in those seconds, never by more. A request is admitted
// while the budget is not yet spent; its own tokens may take the total past it (the size of an
// answer is not known before it is generated), and the next request is refused.

export const USAGE_TTL_MS = intervalSetting("HINOKI_GATEWAY_USAGE_TTL_MS", 5_000);

interface MonthCount {
  month: string;
  /** What the database held when read. */
  stored: number;
  /** This process's flushed counter when it was read (what was flushed after is added on top). */
  flushedAtRead: number;
  expiresAt: number;
}

const KEY = Symbol.for("hinoki.endpoints.keyBudget");
type G = typeof globalThis & { [KEY]?: Map<string, MonthCount> };
const counts = () => ((globalThis as G)[KEY] ??= new Map());

/** Input + output tokens of a key in a JST month, summed over its days. */
export async function storedMonthTokens(db: DbOrTx, keyId: string, month: string): Promise<number> {
  const [row] = await db
    .select({ tokens: sql<string>`coalesce(sum(${endpointKeyUsage.inputTokens} + ${endpointKeyUsage.outputTokens}), 0)` })
    .from(endpointKeyUsage)
    .where(and(eq(endpointKeyUsage.keyId, keyId), gte(endpointKeyUsage.day, firstDayOfMonth(month)), lte(endpointKeyUsage.day, lastDayOfMonth(month))));
  return Number(row?.tokens ?? 0);
}

/** Tokens the key has used this JST month, as far as this process knows. */
export async function monthTokensUsed(db: () => Promise<DbOrTx>, keyId: string, nowMs = Date.now()): Promise<number> {
  const month = jstMonthOf(nowMs);
  const cache = counts();
  let count = cache.get(keyId);
  if (!count || count.month !== month || count.expiresAt <= nowMs) {
    // Take the flushed counter before reading: a flush that commits meanwhile is then counted
    // twice for a few seconds (refusing early), never missed (admitting past the budget).
    const flushedAtRead = keyTokensInProcess(keyId, month).flushed;
    const stored = await storedMonthTokens(await db(), keyId, month);
    count = { month, stored, flushedAtRead, expiresAt: nowMs + USAGE_TTL_MS };
    cache.set(keyId, count);
  }
  const local = keyTokensInProcess(keyId, month);
  return count.stored + (local.flushed - count.flushedAtRead) + local.pending;
}

/** After the budget changed: read the month again on the next request. */
export function forgetMonthTokens(keyId: string): void {
  counts().delete(keyId);
}

/** The first instant of the next JST month, when a spent budget opens again. */
export function nextBudgetResetAt(nowMs = Date.now()): Date {
  return jstMonthRange(jstMonthOf(nowMs)).end;
}
