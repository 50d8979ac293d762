import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { gpuReservations, quotaLimits } from "@/lib/db/schema";
import { REGIONS, SHAPES } from "@/lib/domain/catalog";
import { AppError } from "@/lib/domain/errors";
import { DEFAULT_GPU_QUOTA, type QuotaLine } from "@/lib/domain/quotas";

// Quotas are GPUs per region per GPU model (domain.md; default 16). Use is what the org's
// orders hold according to the console's own reservations.

const GPU_MODELS = [...new Set(SHAPES.map((s) => s.gpuModel).filter((m): m is NonNullable<typeof m> => m !== null))];

export async function quotaLines(db: DbOrTx, orgId: string): Promise<QuotaLine[]> {
  const limits = await db.select().from(quotaLimits).where(eq(quotaLimits.orgId, orgId));
  const used = await db
    .select({ regionId: gpuReservations.regionId, gpuModel: gpuReservations.gpuModel, gpus: sql<number>`sum(${gpuReservations.gpus})::int` })
    .from(gpuReservations)
    .where(eq(gpuReservations.orgId, orgId))
    .groupBy(gpuReservations.regionId, gpuReservations.gpuModel);
  return REGIONS.flatMap((region) =>
    GPU_MODELS.map((gpuModel) => {
      const limit = limits.find((l) => l.regionId === region.id && l.gpuModel === gpuModel)?.gpus ?? DEFAULT_GPU_QUOTA;
      const inUse = used.find((u) => u.regionId === region.id && u.gpuModel === gpuModel)?.gpus ?? 0;
      return { regionId: region.id, gpuModel, limit, inUse, available: Math.max(0, limit - inUse) };
    }),
  );
}

export async function quotaLimitFor(db: DbOrTx, orgId: string, regionId: string, gpuModel: string): Promise<number> {
  const [row] = await db
    .select({ gpus: quotaLimits.gpus })
    .from(quotaLimits)
    .where(and(eq(quotaLimits.orgId, orgId), eq(quotaLimits.regionId, regionId), eq(quotaLimits.gpuModel, gpuModel)))
    .limit(1);
  return row?.gpus ?? DEFAULT_GPU_QUOTA;
}

/**
 * Refuses a change that would take the org over its quota. `additionalGpus` is what the change
 * adds on top of what is held now, excluding `exceptResourceId`'s current holding when the
 * change replaces it (a scale of an existing resource).
 */
export async function assertQuotaAvailable(
  db: DbOrTx,
  orgId: string,
  request: { regionId: string; gpuModel: string; gpus: number; exceptResourceId?: string; field?: string },
): Promise<void> {
  if (request.gpus <= 0) return;
  const limit = await quotaLimitFor(db, orgId, request.regionId, request.gpuModel);
  const [row] = await db
    .select({ gpus: sql<number>`coalesce(sum(${gpuReservations.gpus}), 0)::int` })
    .from(gpuReservations)
    .where(
      and(
        eq(gpuReservations.orgId, orgId),
        eq(gpuReservations.regionId, request.regionId),
        eq(gpuReservations.gpuModel, request.gpuModel),
        request.exceptResourceId ? sql`${gpuReservations.resourceId} <> ${request.exceptResourceId}` : undefined,
      ),
    );
  const inUse = row?.gpus ?? 0;
  if (inUse + request.gpus > limit) {
    throw new AppError("quota_exceeded", `quota exceeded for ${request.gpuModel} in ${request.regionId}`, {
      field: request.field,
      regionId: request.regionId,
      gpuModel: request.gpuModel,
      limit,
      inUse,
      requested: request.gpus,
    });
  }
}
