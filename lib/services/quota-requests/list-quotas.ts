import "server-only";
import { wholePage, type Page } from "@/lib/domain/cursor";
import type { Principal } from "@/lib/auth/principal";
import { QuotaQuery } from "@/lib/domain/catalog-api";
import type { QuotaLine } from "@/lib/domain/quotas";
import { orgContext } from "../access/org-context";
import { quotaLines } from "../quotas/quota-usage";
import { gpuModelsInRegion } from "../catalog/offerings";

/**
 * The org's GPU quota and current use per region and GPU model — only the pairs the region's
 * fleet actually has (a GB200 quota in Tokyo would be a number nobody can use).
 */
export async function listQuotas(principal: Principal, slug: string, rawQuery: QuotaQuery = {}): Promise<Page<QuotaLine>> {
  const query = QuotaQuery.parse(rawQuery);
  const { db, orgId } = await orgContext(principal, slug, "quotas.read");
  const lines = await quotaLines(db, orgId);
  return wholePage(lines.filter(
    (l) =>
      (gpuModelsInRegion(l.regionId).includes(l.gpuModel) || l.inUse > 0) &&
      (!query.regionId || l.regionId === query.regionId) &&
      (!query.gpuModel || l.gpuModel === query.gpuModel),
  ));
}
