import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { SERVICES, firstDayOfMonth, nextMonth, type Contract, type RatedUsage, type ServiceKind } from "@/lib/domain/billing";
import { queryRatedRollups } from "./rated-rollups";

/** A month's usage of one org, rated and grouped the way invoice lines are (service × SKU × region × unit price × discount). */
export async function monthRatedUsage(db: DbOrTx, orgId: string, month: string, contracts: readonly Contract[]): Promise<RatedUsage[]> {
  const rows = await queryRatedRollups(
    db,
    orgId,
    { from: firstDayOfMonth(month), to: firstDayOfMonth(nextMonth(month)) },
    ["service", "sku", "region", "unitPrice", "discountBps"],
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
    };
  });
}
