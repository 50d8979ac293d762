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

/** Rated usage of one org over JST days [from, to), grouped by the given dimensions. */
export async function queryRatedRollups(
  db: DbOrTx,
  orgId: string,
  range: { from: string; to: string },
  groupBy: readonly Dimension[],
  contracts: readonly Contract[],
): Promise<RatedRollupRow[]> {
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
    WHERE r.org_id = ${orgId} AND r.day >= ${range.from}::date AND r.day < ${range.to}::date
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
