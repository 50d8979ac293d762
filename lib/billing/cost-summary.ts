import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/client";
import { JstDate, ruToYenApprox, ratioToDecimal } from "@/lib/domain/billing";
import { AppError } from "@/lib/domain/errors";
import { loadContracts } from "./contracts";
import { queryRatedRollups, type Dimension, type RollupFilter } from "./rated-rollups";

// The cost explorer's query: spend over JST days [from, to) grouped one way, read from the daily
// rollups (never from raw usage records), with contract discounts applied exactly. Amounts are
// excluding tax; yen figures are for display, the exact value travels alongside.

export const CostGroupBy = z.enum(["service", "shape", "region", "resource", "day", "costCenter"]);
export type CostGroupBy = z.infer<typeof CostGroupBy>;

export const CostQuery = z
  .object({ from: JstDate, to: JstDate, groupBy: CostGroupBy })
  .refine((q) => q.from < q.to, "from must be before to")
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, "at most 400 days");
export type CostQuery = z.infer<typeof CostQuery>;

export interface CostAmounts {
  /** Rated (after discounts), yen, for display. */
  costJpy: number;
  /** Rated, exact, in rating units (1 yen = 36e12 ru). */
  costExactRu: string;
  listCostJpy: number;
  hours: number;
  gpuHours: number;
  tokens: number;
}

export interface CostSummaryRow extends CostAmounts {
  key: string;
}

export interface CostSummary {
  orgId: string;
  from: string;
  to: string;
  groupBy: CostGroupBy;
  currency: "JPY";
  rows: CostSummaryRow[];
  total: CostAmounts;
}

const DIMENSION_OF: Record<CostGroupBy, Dimension> = {
  service: "service",
  shape: "sku",
  region: "region",
  resource: "resource",
  day: "day",
  costCenter: "costCenter",
};

/** Rated and list amounts of a group of rollups, in yen (approximate) and exact RU. */
export function costAmounts(r: { seconds: number; gpuSeconds: number; tokens: number; listRu: bigint; ratedRu: bigint }): CostAmounts {
  return {
    costJpy: ruToYenApprox(r.ratedRu),
    costExactRu: r.ratedRu.toString(),
    listCostJpy: ruToYenApprox(r.listRu),
    hours: Number(ratioToDecimal(BigInt(r.seconds), 3600n, 6)),
    gpuHours: Number(ratioToDecimal(BigInt(r.gpuSeconds), 3600n, 6)),
    tokens: r.tokens,
  };
}

export async function costSummary(db: DbOrTx, orgId: string, query: { from: string; to: string; groupBy: CostGroupBy }, filter: RollupFilter = {}): Promise<CostSummary> {
  const parsed = CostQuery.safeParse(query);
  if (!parsed.success) throw new AppError("validation_failed", "invalid cost query", { issues: parsed.error.issues });
  const { from, to, groupBy } = parsed.data;
  const contracts = await loadContracts(db, orgId);
  const rows = await queryRatedRollups(db, orgId, { from, to }, [DIMENSION_OF[groupBy]], contracts, filter);
  const total = rows.reduce(
    (t, r) => ({ seconds: t.seconds + r.seconds, gpuSeconds: t.gpuSeconds + r.gpuSeconds, tokens: t.tokens + r.tokens, listRu: t.listRu + r.listRu, ratedRu: t.ratedRu + r.ratedRu }),
    { seconds: 0, gpuSeconds: 0, tokens: 0, listRu: 0n, ratedRu: 0n },
  );
  const out = rows.map((r) => ({ key: r.keys[DIMENSION_OF[groupBy]] as string, ...costAmounts(r), ratedRu: r.ratedRu }));
  // Days read in calendar order; everything else biggest first.
  if (groupBy !== "day") out.sort((a, b) => (a.ratedRu === b.ratedRu ? a.key.localeCompare(b.key) : a.ratedRu > b.ratedRu ? -1 : 1));
  return {
    orgId,
    from,
    to,
    groupBy,
    currency: "JPY",
    rows: out.map(({ ratedRu: _ratedRu, ...row }) => row),
    total: costAmounts(total),
  };
}
