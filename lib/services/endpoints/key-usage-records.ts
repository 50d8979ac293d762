import "server-only";
import { and, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { endpointKeys, endpointKeyUsage } from "@/lib/db/schema";
import { firstDayOfMonth, jstMonthOf, lastDayOfMonth } from "@/lib/domain/billing/jst";
import type { KeyUsageDay, KeyUsageTotals } from "@/lib/domain/endpoint-key-usage";
import { notFound } from "@/lib/domain/errors";

// Reads of the per-key usage table, always by (org id, endpoint id, key id).

const sums = {
  requests: sql<string>`coalesce(sum(${endpointKeyUsage.requests}), 0)`,
  inputTokens: sql<string>`coalesce(sum(${endpointKeyUsage.inputTokens}), 0)`,
  outputTokens: sql<string>`coalesce(sum(${endpointKeyUsage.outputTokens}), 0)`,
};

const toTotals = (row: { requests: string; inputTokens: string; outputTokens: string }): KeyUsageTotals => ({
  requests: Number(row.requests),
  inputTokens: Number(row.inputTokens),
  outputTokens: Number(row.outputTokens),
});

export async function loadEndpointKey(db: DbOrTx, orgId: string, endpointId: string, keyId: string) {
  const [row] = await db
    .select()
    .from(endpointKeys)
    .where(and(eq(endpointKeys.orgId, orgId), eq(endpointKeys.endpointId, endpointId), eq(endpointKeys.id, keyId)))
    .limit(1);
  if (!row) throw notFound("key");
  return row;
}

/** Month-to-date totals of these keys (one grouped read), keyed by key id. */
export async function monthToDateByKey(db: DbOrTx, orgId: string, endpointId: string, keyIds: string[], now = new Date()): Promise<Map<string, KeyUsageTotals>> {
  if (keyIds.length === 0) return new Map();
  const month = jstMonthOf(now);
  const rows = await db
    .select({ keyId: endpointKeyUsage.keyId, ...sums })
    .from(endpointKeyUsage)
    .where(
      and(
        eq(endpointKeyUsage.orgId, orgId),
        eq(endpointKeyUsage.endpointId, endpointId),
        inArray(endpointKeyUsage.keyId, keyIds),
        gte(endpointKeyUsage.day, firstDayOfMonth(month)),
        lte(endpointKeyUsage.day, lastDayOfMonth(month)),
      ),
    )
    .groupBy(endpointKeyUsage.keyId);
  return new Map(rows.map((r) => [r.keyId, toTotals(r)]));
}

/** The stored days of one key in [from, to] (days without traffic have no row). */
export async function keyUsageDays(db: DbOrTx, orgId: string, keyId: string, from: string, to: string): Promise<KeyUsageDay[]> {
  const rows = await db
    .select({ day: endpointKeyUsage.day, requests: endpointKeyUsage.requests, inputTokens: endpointKeyUsage.inputTokens, outputTokens: endpointKeyUsage.outputTokens })
    .from(endpointKeyUsage)
    .where(and(eq(endpointKeyUsage.orgId, orgId), eq(endpointKeyUsage.keyId, keyId), gte(endpointKeyUsage.day, from), lte(endpointKeyUsage.day, to)))
    .orderBy(endpointKeyUsage.day);
  return rows.map((r) => ({ day: r.day, requests: r.requests, inputTokens: Number(r.inputTokens), outputTokens: Number(r.outputTokens) }));
}
