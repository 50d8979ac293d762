import "server-only";
import type { ControlPlane } from "@/lib/control-plane";
import type { DbOrTx } from "@/lib/db/client";
import { findShape, findZone, NVL72_TRAYS_PER_RACK, ZONES } from "@/lib/domain/catalog";
import type { PoolCheck, QuotaCheck } from "@/lib/domain/clusters";
import type { ShapeCapacity } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { quotaLimitFor } from "../quotas/quota-usage";
import { allowedRegions } from "../residency/residency-policy";
import { assertReservationRoom } from "../reservations/reservation-room";
import { and, eq, sql } from "drizzle-orm";
import { gpuReservations } from "@/lib/db/schema";

// What a launch or a scale-up needs before it is submitted: room in the org's quota (GPUs per
// region and model) and free capacity in the zone — and, when there is none, where there is.

/** Nodes (or trays) a pool asks for on top of what it holds now. */
export interface PoolDemand {
  index: number;
  /** The field an error names, e.g. "nodePools.1.count" or "count". */
  field: string;
  shapeId: string;
  additional: number;
  topology: "rack" | null;
  /** Drawn from this reservation of the org: checked against its room, not on-demand capacity. */
  reservationId?: string | null;
}

/** Capacity per pool in `zoneId`; pools of one shape share what is free. Throws only if asked. */
export async function checkCapacity(
  cp: ControlPlane,
  db: DbOrTx,
  orgId: string,
  zoneId: string,
  demands: PoolDemand[],
): Promise<{ pools: PoolCheck[]; known: boolean }> {
  // Pools drawing on a reservation take no on-demand capacity (their room: assertReservationDraws).
  const reserved = demands.filter((d) => d.reservationId);
  if (reserved.length > 0) {
    const onDemand = await checkCapacity(cp, db, orgId, zoneId, demands.filter((d) => !d.reservationId));
    const drawn = reserved.map((d): PoolCheck => ({ index: d.index, shapeId: d.shapeId, requested: d.additional, unit: null, available: null, level: null, wholeRacksAvailable: null, fits: true, availableIn: [] }));
    return { pools: [...onDemand.pools, ...drawn].sort((a, b) => a.index - b.index), known: onDemand.known };
  }
  const zone = findZone(zoneId);
  let capacity: ShapeCapacity[];
  try {
    capacity = await cp.getCapacity();
  } catch {
    // Unknown now: the control plane decides when the order is submitted.
    return { pools: demands.map((d) => ({ index: d.index, shapeId: d.shapeId, requested: d.additional, unit: null, available: null, level: null, wholeRacksAvailable: null, fits: null, availableIn: [] })), known: false };
  }
  const allowed = new Set(await allowedRegions(db, orgId));
  const byShape = new Map<string, { nodes: number; racks: number }>();
  for (const d of demands) {
    const sum = byShape.get(d.shapeId) ?? { nodes: 0, racks: 0 };
    if (d.topology === "rack") sum.racks += Math.ceil(d.additional / NVL72_TRAYS_PER_RACK);
    else sum.nodes += d.additional;
    byShape.set(d.shapeId, sum);
  }
  const fitsIn = (c: ShapeCapacity, need: { nodes: number; racks: number }) =>
    c.available - need.racks * NVL72_TRAYS_PER_RACK >= need.nodes && (need.racks === 0 || (c.wholeRacksAvailable ?? 0) >= need.racks);

  const pools = demands.map((d): PoolCheck => {
    const here = capacity.find((c) => c.zoneId === zoneId && c.shapeId === d.shapeId);
    const need = byShape.get(d.shapeId)!;
    const fits = d.additional === 0 ? true : here ? fitsIn(here, need) : false;
    const availableIn = fits
      ? []
      : capacity
          .filter((c) => c.shapeId === d.shapeId && c.zoneId !== zoneId && allowed.has(c.regionId) && c.available > 0)
          .map((c) => ({ regionId: c.regionId, zoneId: c.zoneId, available: c.available, fitsRequest: fitsIn(c, need) }))
          .sort((a, b) => Number(b.fitsRequest) - Number(a.fitsRequest) || b.available - a.available);
    return {
      index: d.index,
      shapeId: d.shapeId,
      requested: d.additional,
      unit: here?.unit ?? (findShape(d.shapeId)?.rackScale ? "tray" : "node"),
      available: here?.available ?? (zone ? 0 : null),
      level: here?.level ?? "sold_out",
      wholeRacksAvailable: here?.wholeRacksAvailable ?? null,
      fits,
      availableIn,
    };
  });
  return { pools, known: true };
}

/** Room in each reservation a pool draws on (several pools on one reservation add up). */
export async function assertReservationDraws(cp: ControlPlane, db: DbOrTx, orgId: string, zoneId: string, demands: PoolDemand[]): Promise<void> {
  const byReservation = new Map<string, PoolDemand[]>();
  for (const d of demands) if (d.reservationId && d.additional > 0) byReservation.set(d.reservationId, [...(byReservation.get(d.reservationId) ?? []), d]);
  for (const [reservationId, draws] of byReservation) {
    const additional = draws.reduce((s, d) => s + d.additional, 0);
    await assertReservationRoom(cp, db, orgId, { field: draws[0].field.replace(/count$/, "reservationId"), reservationId, zoneId, shapeId: draws[0].shapeId, additional });
  }
}

export function assertCapacity(zoneId: string, demands: PoolDemand[], checks: PoolCheck[]): void {
  const short = checks.find((c) => c.fits === false);
  if (!short) return;
  const demand = demands.find((d) => d.index === short.index)!;
  throw new AppError("capacity_unavailable", `not enough ${short.shapeId} capacity in ${zoneId}`, {
    field: demand.field,
    shapeId: short.shapeId,
    zoneId,
    requested: short.requested,
    available: short.available,
    topology: demand.topology,
    availableIn: short.availableIn,
  });
}

/** GPUs held per model in a region by the org, excluding one resource (the one being changed). */
async function inUse(db: DbOrTx, orgId: string, regionId: string, gpuModel: string, exceptResourceId?: string): Promise<number> {
  const [row] = await db
    .select({ gpus: sql<number>`coalesce(sum(${gpuReservations.gpus}), 0)::int` })
    .from(gpuReservations)
    .where(
      and(
        eq(gpuReservations.orgId, orgId),
        eq(gpuReservations.regionId, regionId),
        eq(gpuReservations.gpuModel, gpuModel),
        exceptResourceId ? sql`${gpuReservations.resourceId} <> ${exceptResourceId}` : undefined,
      ),
    );
  return row?.gpus ?? 0;
}

/** Quota headroom per GPU model for `gpusByModel` (what the resource would hold in total). */
export async function checkQuota(db: DbOrTx, orgId: string, regionId: string, gpusByModel: Map<string, number>, exceptResourceId?: string): Promise<QuotaCheck[]> {
  const out: QuotaCheck[] = [];
  for (const [gpuModel, requested] of gpusByModel) {
    const limit = await quotaLimitFor(db, orgId, regionId, gpuModel);
    const used = await inUse(db, orgId, regionId, gpuModel, exceptResourceId);
    out.push({ regionId, gpuModel, limit, inUse: used, requested, headroom: limit - used - requested, fits: used + requested <= limit });
  }
  return out;
}

export const zonesOfRegions = (regionIds: string[]) => ZONES.filter((z) => regionIds.includes(z.regionId)).map((z) => z.id);
