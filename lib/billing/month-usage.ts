import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { costCenters } from "@/lib/db/schema";
import { SERVICES, firstDayOfMonth, nextMonth, type Contract, type RatedUsage, type ServiceKind } from "@/lib/domain/billing";
import { queryRatedRollups } from "./rated-rollups";

/** A month's usage of one org, rated and grouped the way invoice lines are (service × SKU × region × unit price × discount × cost center × PO number). */
export async function monthRatedUsage(db: DbOrTx, orgId: string, month: string, contracts: readonly Contract[]): Promise<RatedUsage[]> {
  const rows = await queryRatedRollups(
    db,
    orgId,
    { from: firstDayOfMonth(month), to: firstDayOfMonth(nextMonth(month)) },
    ["service", "sku", "region", "unitPrice", "discountBps", "costCenter", "poNumber"],
    contracts,
  );
  return rows.map((r) => {
    const service = r.keys.service as ServiceKind;
    if (!SERVICES.includes(service)) throw new Error(`unknown service ${service} in rollups`);
    return {
      service,
      sku: r.keys.sku as string,
      regionId: r.keys.region as string,
      discountBps: Number(r.keys.discountBps),
      unitPriceMicro: BigInt(r.keys.unitPrice as string),
      seconds: r.seconds,
      gpuSeconds: r.gpuSeconds,
      tokens: r.tokens,
      listRu: r.listRu,
      ratedRu: r.ratedRu,
      costCenterId: r.keys.costCenter || undefined,
      poNumber: r.keys.poNumber || undefined,
    };
  });
}

/** The org's cost centers as an invoice names them (archived ones too: their past usage is billed). */
export async function costCenterNames(db: DbOrTx, orgId: string): Promise<Array<{ id: string; code: string; nameJa: string; nameEn: string }>> {
  return db.select({ id: costCenters.id, code: costCenters.code, nameJa: costCenters.nameJa, nameEn: costCenters.nameEn }).from(costCenters).where(eq(costCenters.orgId, orgId));
}
