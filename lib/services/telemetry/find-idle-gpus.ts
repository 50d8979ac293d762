import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { clusterNodePools, clusters } from "@/lib/db/schema";
import { rowsOf } from "@/lib/billing/sql-rows";
import { findShape } from "@/lib/domain/catalog/shapes";
import type { IdleGpuFinding } from "@/lib/domain/telemetry";
import type { IdleGpuRule } from "./idle-gpu-rule";

// Idle GPUs of an org's clusters, from the per-node 1-minute roll-ups of the rule's window: a node
// is idle when its highest GPU sample stayed under the threshold in every minute of the window,
// and it is still held (it reported in the last few minutes). Findings group nodes by pool and
// price them at list price for the window — the money those GPUs cost while doing nothing.

/** A node that reported in the last few minutes is still held (ingest lags by up to a minute). */
const RECENT_MINUTES = 3;

export async function findIdleGpus(db: DbOrTx, orgId: string, rule: IdleGpuRule, now: number, clusterId?: string): Promise<IdleGpuFinding[]> {
  // The window in whole minutes (roll-up buckets), ending with the current, still filling, minute.
  const start = Math.floor(now / 60_000) * 60_000 - rule.windowMinutes * 60_000;
  const recent = new Date(now - RECENT_MINUTES * 60_000).toISOString();
  // Minutes at the window's edges (ingest lag, a window still open) a node may miss and still count.
  const slackMinutes = Math.min(3, Math.floor(rule.windowMinutes / 4));
  const rows = rowsOf<{ resource_id: string; pool_id: string | null; shape_id: string; gpus: number }>(
    await db.execute(sql`
      SELECT resource_id, min(pool_id) AS pool_id, min(shape_id) AS shape_id, max(node_gpu_count)::int AS gpus
      FROM gpu_rollups
      WHERE org_id = ${orgId} AND resolution = '1m' AND node_id <> '' AND resource_kind = 'cluster'
        AND bucket >= ${new Date(start).toISOString()}::timestamptz ${clusterId ? sql`AND resource_id = ${clusterId}` : sql``}
      GROUP BY resource_id, node_id
      HAVING max(util_max) < ${rule.thresholdPercent}
        AND count(*) >= ${rule.windowMinutes - slackMinutes}
        AND min(bucket) <= ${new Date(start + slackMinutes * 60_000).toISOString()}::timestamptz
        AND max(bucket) >= ${recent}::timestamptz`),
  );
  if (rows.length === 0) return [];

  const clusterIds = [...new Set(rows.map((r) => r.resource_id))];
  const live = await db
    .select({ id: clusters.id, name: clusters.name, status: clusters.status })
    .from(clusters)
    .where(and(eq(clusters.orgId, orgId), inArray(clusters.id, clusterIds)));
  const pools = await db
    .select({ id: clusterNodePools.id, name: clusterNodePools.name, count: clusterNodePools.count })
    .from(clusterNodePools)
    .where(and(eq(clusterNodePools.orgId, orgId), inArray(clusterNodePools.clusterId, clusterIds)));
  const clusterById = new Map(live.filter((c) => c.status !== "deleted" && c.status !== "deleting").map((c) => [c.id, c]));
  const poolById = new Map(pools.map((p) => [p.id, p]));

  const groups = new Map<string, IdleGpuFinding>();
  for (const r of rows) {
    const cluster = clusterById.get(r.resource_id);
    if (!cluster) continue;
    const key = `${r.resource_id}/${r.pool_id ?? ""}/${r.shape_id}`;
    const pool = r.pool_id ? poolById.get(r.pool_id) : undefined;
    const finding = groups.get(key) ?? {
      clusterId: cluster.id,
      clusterName: cluster.name,
      poolId: r.pool_id,
      poolName: pool?.name ?? null,
      shapeId: r.shape_id,
      nodes: 0,
      gpus: 0,
      thresholdPercent: rule.thresholdPercent,
      windowMinutes: rule.windowMinutes,
      listCost: { amount: 0, currency: "JPY" as const },
      suggestedCount: null,
    };
    finding.nodes += 1;
    finding.gpus += r.gpus;
    groups.set(key, finding);
  }
  return [...groups.values()].map((f) => {
    const pricePerHour = findShape(f.shapeId)?.pricePerHourJpy ?? 0;
    const pool = f.poolId ? poolById.get(f.poolId) : undefined;
    return {
      ...f,
      // List price of the idle nodes over the window, in whole yen.
      listCost: { amount: Math.round((f.nodes * pricePerHour * rule.windowMinutes) / 60), currency: "JPY" as const },
      suggestedCount: pool ? Math.max(0, pool.count - f.nodes) : null,
    };
  });
}
