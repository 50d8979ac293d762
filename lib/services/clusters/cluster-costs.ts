import "server-only";
import { processSingleton } from "@/lib/server/process-singleton";
import type { DbOrTx } from "@/lib/db/client";
import { loadContracts } from "@/lib/billing/contracts";
import { queryRatedRollups } from "@/lib/billing/rated-rollups";
import { addDays, firstDayOfMonth, floorYen, jstDateOf, jstMonthOf, jstMonthRange, toSafeNumber } from "@/lib/domain/billing";
import type { ClusterCost } from "@/lib/domain/clusters";
import type { ClusterRow } from "./cluster-records";

// "Cost so far this month" per cluster (JST month, excluding tax).
//
// Source, in order: (1) metered — the billing engine's daily rollups for the cluster, rated with
// the org's contract (lib/billing); (2) estimated — when nothing has been metered for the cluster
// yet this month (just launched, or metering ingestion not running), hours held this month ×
// the list price per hour of what it holds now. The response says which (`source`).
//
// The rollup query groups the org's month by resource; it is cached per org for 30 s, so a list
// page polled every few seconds costs one aggregate query per half minute, not one per request.

const TTL_MS = 30_000;
type Cache = Map<string, { at: number; byResource: Map<string, number> }>;
const cache = (): Cache => processSingleton("clusterCostCache", (): Cache => new Map());

async function meteredByResource(db: DbOrTx, orgId: string, now: Date): Promise<Map<string, number>> {
  const month = jstMonthOf(now);
  const key = `${orgId}:${month}`;
  const hit = cache().get(key);
  if (hit && now.getTime() - hit.at < TTL_MS && hit.at <= now.getTime()) return hit.byResource;
  const rows = await queryRatedRollups(db, orgId, { from: firstDayOfMonth(month), to: addDays(jstDateOf(now), 1) }, ["resource"], await loadContracts(db, orgId));
  const byResource = new Map(rows.map((r) => [r.keys.resource as string, toSafeNumber(floorYen(r.ratedRu))]));
  cache().set(key, { at: now.getTime(), byResource });
  return byResource;
}

export function forgetCostCache(): void {
  cache().clear();
}

function estimate(row: ClusterRow, now: Date): number {
  if (row.status === "failed" && row.submitted === 0) return 0;
  const { start } = jstMonthRange(jstMonthOf(now));
  const from = Math.max(row.createdAt.getTime(), start.getTime());
  const until = row.deletedAt ? row.deletedAt.getTime() : row.status === "failed" ? row.updatedAt.getTime() : now.getTime();
  const hours = Math.max(0, until - from) / 3_600_000;
  return Math.floor(hours * row.pricePerHourJpy);
}

export async function costsThisMonth(db: DbOrTx, orgId: string, rows: ClusterRow[], now = new Date()): Promise<Map<string, ClusterCost>> {
  const metered = rows.length ? await meteredByResource(db, orgId, now) : new Map<string, number>();
  return new Map(
    rows.map((row) => {
      const amount = metered.get(row.id);
      return [row.id, amount !== undefined ? { amount, currency: "JPY", source: "metered" } : { amount: estimate(row, now), currency: "JPY", source: "estimated" }];
    }),
  );
}
