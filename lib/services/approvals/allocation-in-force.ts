import "server-only";
import type { DbOrTx } from "@/lib/db/client";
import { allocationHistory } from "../cost-centers/cost-center-records";

/** Who pays for a resource being scaled up (部門・発注番号 in force today), kept on its 稟議. */
export async function allocationInForce(db: DbOrTx, orgId: string, resourceId: string): Promise<{ costCenterId: string | null; poNumber: string | null }> {
  const [current] = await allocationHistory(db, orgId, resourceId);
  return { costCenterId: current?.costCenterId ?? null, poNumber: current?.poNumber ?? null };
}
