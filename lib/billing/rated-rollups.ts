import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { ALL_SKUS, contractSegments, discountBps, skuInfo, type Contract } from "@/lib/domain/billing";
import { rowsOf } from "./sql-rows";

// Reads the daily rollups with contract discounts applied, exactly, in SQL. The discount of a
// rollup row depends on its day (which contract) and its SKU (which GPU model); a small VALUES
// table of (sku, from, to, bps) carries that, and the discounted amount is list × (1e4 − bps) / 1e4
// — an exact integer division, since list amounts are multiples of 1e4 ru.

export const DIMENSIONS = {
  day: sql`r.day::text`,
  month: sql`to_char(r.day, 'YYYY-MM')`,
  service: sql`r.service`,
  sku: sql`r.sku`,
  region: sql`r.region_id`,
  zone: sql`r.zone_id`,
  resource: sql`r.resource_id`,
  resourceKind: sql`r.resource_kind`,
  unitPrice: sql`r.unit_price_micro::text`,
  discountBps: sql`coalesce(d.bps, 0)::text`,
  // Who paid on that day (部門・プロジェクト, 発注番号): "" when the resource had no allocation.
  costCenter: sql`coalesce(a.cost_center_id, '')`,
  poNumber: sql`coalesce(a.po_number, '')`,
} as const satisfies Record<string, SQL>;
export type Dimension = keyof typeof DIMENSIONS;

export interface RatedRollupRow {
  keys: Partial<Record<Dimension, string>>;
  seconds: number;
  gpuSeconds: number;
  tokens: number;
  listRu: bigint;
  ratedRu: bigint;
}

function discountTable(contracts: readonly Contract[], from: string, to: string): SQL {
  const rows: SQL[] = [];
  for (const segment of contractSegments(contracts, from, to)) {
    for (const sku of ALL_SKUS) {
      const bps = discountBps(segment.contract, skuInfo(sku)?.gpuModel ?? null);
      if (bps > 0) rows.push(sql`(${sku}::text, ${segment.from}::date, ${segment.to}::date, ${bps}::int)`);
    }
  }
  if (rows.length === 0) return sql`SELECT NULL::text AS sku, NULL::date AS day_from, NULL::date AS day_to, 0 AS bps WHERE false`;
  return sql`SELECT * FROM (VALUES ${sql.join(rows, sql`, `)}) AS v(sku, day_from, day_to, bps)`;
}

/** Narrows the rollups to one cost center ("" = usage of resources with none). */
export interface RollupFilter {
  costCenterId?: string;
}

// The allocation in force on a rollup's day: the latest one effective on or before it (a change
// applies from its JST day on, so the days before stay with the cost center they were charged to).
const ALLOCATION_JOIN = sql`LEFT JOIN LATERAL (
      SELECT ca.cost_center_id, ca.po_number FROM cost_allocations ca
      WHERE ca.org_id = r.org_id AND ca.resource_id = r.resource_id AND ca.effective_from <= r.day
      ORDER BY ca.effective_from DESC, ca.id DESC LIMIT 1
    ) a ON true`;

/** Rated usage of one org over JST days [from, to), grouped by the given dimensions. */
export async function queryRatedRollups(
  db: DbOrTx,
  orgId: string,
  range: { from: string; to: string },
  groupBy: readonly Dimension[],
  contracts: readonly Contract[],
  filter: RollupFilter = {},
): Promise<RatedRollupRow[]> {
  const byAllocation = filter.costCenterId !== undefined || groupBy.includes("costCenter") || groupBy.includes("poNumber");
  const keys = groupBy.map((d, i) => sql`${DIMENSIONS[d]} AS ${sql.raw(`k${i}`)}`);
  const groupCols = groupBy.map((_, i) => sql.raw(`k${i}`));
  const result = await db.execute(sql`
    WITH d AS (${discountTable(contracts, range.from, range.to)})
    SELECT ${sql.join([...keys, sql`1 AS one`], sql`, `)},
      sum(r.seconds)::text AS seconds,
      sum(r.gpu_seconds)::text AS gpu_seconds,
      sum(r.tokens)::text AS tokens,
      sum(r.list_amount_ru)::text AS list_ru,
      sum(div(r.list_amount_ru * (10000 - coalesce(d.bps, 0)), 10000))::text AS rated_ru
    FROM usage_daily_rollups r
    LEFT JOIN d ON d.sku = r.sku AND r.day >= d.day_from AND r.day < d.day_to
    ${byAllocation ? ALLOCATION_JOIN : sql``}
    WHERE r.org_id = ${orgId} AND r.day >= ${range.from}::date AND r.day < ${range.to}::date
    ${filter.costCenterId !== undefined ? sql`AND coalesce(a.cost_center_id, '') = ${filter.costCenterId}` : sql``}
    ${groupCols.length ? sql`GROUP BY ${sql.join(groupCols, sql`, `)} ORDER BY ${sql.join(groupCols, sql`, `)}` : sql``}
  `);
  return rowsOf<Record<string, string | null>>(result)
    .filter((row) => row.list_ru !== null)
    .map((row) => ({
      keys: Object.fromEntries(groupBy.map((d, i) => [d, String(row[`k${i}`])])),
      seconds: Number(row.seconds),
      gpuSeconds: Number(row.gpu_seconds),
      tokens: Number(row.tokens),
      listRu: BigInt(row.list_ru as string),
      ratedRu: BigInt(row.rated_ru as string),
    }));
}
