import "server-only";
import { loadContracts } from "@/lib/billing";
import { queryRatedRollups } from "@/lib/billing/rated-rollups";
import { ratioToDecimal, ruToYenApprox } from "@/lib/domain/billing";
import type { UsageReport } from "@/lib/domain/billing-api";
import type { Principal } from "@/lib/auth/principal";
import { orgContext } from "../access/org-context";
import { resolveRange } from "./date-range";

/** Metered usage over a JST range: one line per resource, SKU and region, with quantities and yen. */
export async function getUsage(principal: Principal, slug: string, query: { from?: string; to?: string }, now: Date = new Date()): Promise<UsageReport> {
  const { db, orgId } = await orgContext(principal, slug, "billing.read");
  const { from, to } = resolveRange(query, now);
  const rows = await queryRatedRollups(db, orgId, { from, to }, ["resource", "resourceKind", "service", "sku", "region"], await loadContracts(db, orgId));
  const items = rows
    .map((r) => ({
      resourceId: r.keys.resource as string,
      resourceKind: (r.keys.resourceKind === "endpoint" ? "endpoint" : "cluster") as "cluster" | "endpoint",
      service: r.keys.service as string,
      sku: r.keys.sku as string,
      regionId: r.keys.region as string,
      hours: Number(ratioToDecimal(BigInt(r.seconds), 3600n, 6)),
      gpuHours: Number(ratioToDecimal(BigInt(r.gpuSeconds), 3600n, 6)),
      tokens: r.tokens,
      listCostJpy: ruToYenApprox(r.listRu),
      costJpy: ruToYenApprox(r.ratedRu),
      ratedRu: r.ratedRu,
    }))
    .sort((a, b) => (a.ratedRu === b.ratedRu ? a.resourceId.localeCompare(b.resourceId) || a.sku.localeCompare(b.sku) : a.ratedRu > b.ratedRu ? -1 : 1));
  return { from, to, items: items.map(({ ratedRu: _ratedRu, ...line }) => line) };
}
