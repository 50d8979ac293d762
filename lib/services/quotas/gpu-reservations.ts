import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { gpuReservations } from "@/lib/db/schema";

// The console's record of the GPUs each order holds, per region and GPU model. Clusters and
// endpoints write it in the same transaction as the order change; quotas read it.

export interface GpuHolding {
  orgId: string;
  resourceId: string;
  resourceKind: "cluster" | "endpoint";
  regionId: string;
  gpuModel: string;
  gpus: number;
}

/** Sets what a resource holds in one region and model (0 removes the row). */
export async function setGpuReservation(db: DbOrTx, holding: GpuHolding): Promise<void> {
  const key = and(eq(gpuReservations.resourceId, holding.resourceId), eq(gpuReservations.regionId, holding.regionId), eq(gpuReservations.gpuModel, holding.gpuModel));
  if (holding.gpus <= 0) {
    await db.delete(gpuReservations).where(key);
    return;
  }
  await db
    .insert(gpuReservations)
    .values({ ...holding, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [gpuReservations.resourceId, gpuReservations.regionId, gpuReservations.gpuModel], set: { gpus: holding.gpus, updatedAt: new Date() } });
}

/** Everything a resource holds is released (deleted, or failed and cleaned up). */
export async function releaseGpuReservations(db: DbOrTx, orgId: string, resourceId: string): Promise<void> {
  await db.delete(gpuReservations).where(and(eq(gpuReservations.orgId, orgId), eq(gpuReservations.resourceId, resourceId)));
}
