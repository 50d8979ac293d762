import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { costCenters } from "@/lib/db/schema";
import {
  JstDate,
  MICRO_PER_YEN,
  SERVICE_NAMES,
  addDays,
  applyDiscount,
  jstDayStart,
  jstMonthRange,
  monthOfDay,
  nextMonth,
  ratioToDecimal,
  ruToYenDecimal,
  skuInfo,
  type ServiceKind,
} from "@/lib/domain/billing";
import { OPERATOR, findRegion } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { csvLine, type Cell } from "./csv";
import { loadContracts } from "./contracts";
import { queryRatedRollups } from "./rated-rollups";

// Cost and usage in the FinOps FOCUS column set: one row per JST day × resource × SKU × zone ×
// list price × discount, from the daily rollups. Costs are yen with 6 decimals, truncated (the exact values are
// rationals); invoices round differently (once per line), so FOCUS rows sum to the invoice only
// to within a yen per invoice line. No BOM: FOCUS files are read by tools, not by Excel.

export const FOCUS_COLUMNS = [
  "BilledCost",
  "EffectiveCost",
  "ListCost",
  "ContractedCost",
  "BillingCurrency",
  "BillingAccountId",
  "BillingPeriodStart",
  "BillingPeriodEnd",
  "ChargePeriodStart",
  "ChargePeriodEnd",
  "ChargeCategory",
  "ChargeDescription",
  "ResourceId",
  "ResourceType",
  "RegionId",
  "RegionName",
  "AvailabilityZone",
  "ServiceName",
  "ServiceCategory",
  "SkuId",
  "ConsumedQuantity",
  "ConsumedUnit",
  "PricingQuantity",
  "PricingUnit",
  "ListUnitPrice",
  "ContractedUnitPrice",
  "ProviderName",
  "PublisherName",
  "InvoiceIssuerName",
  "Tags",
] as const;

const SERVICE_CATEGORY: Record<ServiceKind, string> = {
  kubernetes: "Compute",
  inference: "AI and Machine Learning",
  inference_batch: "AI and Machine Learning",
  control_plane: "Compute",
};

const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");

/**
 * FOCUS `Tags`: a JSON object of the provider's tags on the charge — here who pays
 * (部門・プロジェクト code and name) and the 発注番号, absent when the workload had none that day.
 */
function focusTags(center: { code: string; nameJa: string } | undefined, poNumber: string): string {
  const tags: Record<string, string> = {};
  if (center) {
    tags["hinoki:cost-center"] = center.code;
    tags["hinoki:cost-center-name"] = center.nameJa;
  }
  if (poNumber) tags["hinoki:po-number"] = poNumber;
  return JSON.stringify(tags);
}

/** FOCUS rows for JST days [from, to), a day at a time so memory stays bounded. */
export async function* focusCsvChunks(db: DbOrTx, orgId: string, from: string, to: string): AsyncGenerator<string> {
  if (!JstDate.safeParse(from).success || !JstDate.safeParse(to).success || from >= to) {
    throw new AppError("validation_failed", "from and to must be JST dates with from < to");
  }
  const contracts = await loadContracts(db, orgId);
  const centers = new Map((await db.select({ id: costCenters.id, code: costCenters.code, nameJa: costCenters.nameJa }).from(costCenters).where(eq(costCenters.orgId, orgId))).map((c) => [c.id, c]));
  yield csvLine(FOCUS_COLUMNS);
  for (let day = from; day < to; day = addDays(day, 1)) {
    const rows = await queryRatedRollups(db, orgId, { from: day, to: addDays(day, 1) }, ["service", "sku", "region", "zone", "resource", "resourceKind", "unitPrice", "discountBps", "costCenter", "poNumber"], contracts);
    if (rows.length === 0) continue;
    const billing = jstMonthRange(monthOfDay(day));
    const chargeStart = iso(jstDayStart(day));
    const chargeEnd = iso(jstDayStart(addDays(day, 1)));
    let chunk = "";
    for (const r of rows) {
      const k = r.keys as Record<string, string>;
      const service = k.service as ServiceKind;
      const info = skuInfo(k.sku);
      const byToken = info?.pricedPer === "token";
      const unitMicro = BigInt(k.unitPrice);
      const bps = Number(k.discountBps);
      const contractedMicroTimes1e4 = applyDiscount(unitMicro * 10_000n, bps);
      const consumed = byToken ? String(r.tokens) : ratioToDecimal(BigInt(r.seconds), 3600n, 6);
      const cells: Cell[] = [
        ruToYenDecimal(r.ratedRu),
        ruToYenDecimal(r.ratedRu),
        ruToYenDecimal(r.listRu),
        ruToYenDecimal(r.ratedRu),
        "JPY",
        orgId,
        iso(billing.start),
        iso(billing.end),
        chargeStart,
        chargeEnd,
        "Usage",
        `${SERVICE_NAMES[service]?.en ?? service}: ${info?.nameEn ?? k.sku}`,
        k.resource,
        k.resourceKind === "cluster" ? "Kubernetes Cluster" : "Inference Endpoint",
        k.region,
        findRegion(k.region)?.nameEn ?? k.region,
        k.zone,
        SERVICE_NAMES[service]?.en ?? service,
        SERVICE_CATEGORY[service] ?? "Other",
        k.sku,
        consumed,
        byToken ? "Tokens" : "Hours",
        byToken ? ratioToDecimal(BigInt(r.tokens), 1_000_000n, 6) : consumed,
        byToken ? "1M Tokens" : "Hours",
        ratioToDecimal(unitMicro, MICRO_PER_YEN, 6),
        ratioToDecimal(contractedMicroTimes1e4, MICRO_PER_YEN * 10_000n, 6),
        OPERATOR.legalNameEn,
        OPERATOR.legalNameEn,
        OPERATOR.legalNameEn,
        focusTags(centers.get(k.costCenter), k.poNumber),
      ];
      chunk += csvLine(cells);
    }
    yield chunk;
  }
}

/** The whole FOCUS export as one string (see focusCsvChunks to stream a long range). */
export async function focusCsv(db: DbOrTx, orgId: string, from: string, to: string): Promise<string> {
  let out = "";
  for await (const chunk of focusCsvChunks(db, orgId, from, to)) out += chunk;
  return out;
}

/** Convenience: the FOCUS range of a whole JST month. */
export function focusRangeOfMonth(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${nextMonth(month)}-01` };
}
