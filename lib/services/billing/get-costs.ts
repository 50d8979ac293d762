import "server-only";
import { costSummary, loadContracts } from "@/lib/billing";
import { costAmounts } from "@/lib/billing/cost-summary";
import { queryRatedRollups } from "@/lib/billing/rated-rollups";
import type { CostGroupByParam, CostReport } from "@/lib/domain/billing-api";
import type { Principal } from "@/lib/auth/principal";
import type { DbOrTx } from "@/lib/db/client";
import { orgContext } from "../access/org-context";
import { costCenterLabels } from "../cost-centers/cost-center-labels";
import { resolveRange } from "./date-range";

// The cost explorer: spend over a JST range grouped one way, from the engine's daily rollups
// with contract discounts applied. "month" (the 12-month chart) groups the same rollups by month.
// Usage only: get-cost-report.ts adds the reservations of the range beside it.

export type UsageCostReport = Omit<CostReport, "reservations">;
export type CostQuery = { from?: string; to?: string; groupBy: CostGroupByParam; costCenter?: string };

export async function getCosts(
  principal: Principal,
  slug: string,
  query: CostQuery,
  now: Date = new Date(),
): Promise<UsageCostReport> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  return usageCosts(db, orgId, query, now);
}

/** The same for an org whose access was already checked (one access check, one staff.view entry). */
export async function usageCosts(db: DbOrTx, orgId: string, query: CostQuery, now: Date): Promise<UsageCostReport> {
  const { from, to } = resolveRange(query, now);
  // "none" selects the spend of workloads charged to no cost center.
  const filter = query.costCenter === undefined ? {} : { costCenterId: query.costCenter === "none" ? "" : query.costCenter };
  const costCenter = query.costCenter ?? null;
  const costCenters = await costCenterLabels(db, orgId);
  if (query.groupBy !== "month") {
    const summary = await costSummary(db, orgId, { from, to, groupBy: query.groupBy }, filter);
    return { from, to, groupBy: query.groupBy, costCenter, currency: "JPY", rows: summary.rows, total: summary.total, costCenters };
  }
  const rows = await queryRatedRollups(db, orgId, { from, to }, ["month"], await loadContracts(db, orgId), filter);
  const zero = { seconds: 0, gpuSeconds: 0, tokens: 0, listRu: 0n, ratedRu: 0n };
  const total = rows.reduce(
    (t, r) => ({ seconds: t.seconds + r.seconds, gpuSeconds: t.gpuSeconds + r.gpuSeconds, tokens: t.tokens + r.tokens, listRu: t.listRu + r.listRu, ratedRu: t.ratedRu + r.ratedRu }),
    zero,
  );
  return { from, to, groupBy: "month", costCenter, currency: "JPY", rows: rows.map((r) => ({ key: r.keys.month as string, ...costAmounts(r) })), total: costAmounts(total), costCenters };
}
