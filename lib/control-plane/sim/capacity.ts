import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { REGIONS } from "@/lib/domain/catalog/regions";
import { NVL72_TRAYS_PER_RACK, SHAPES } from "@/lib/domain/catalog/shapes";
import type { CapacityFilter, CapacityLevel, CapacityUnavailableDetails, ShapeCapacity } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import type { SimContext } from "./context";
import { placementRule } from "./fleet";
import { rowsOf } from "./db";

// Capacity per zone and shape, read straight from the hosts' slot counters (one aggregate query
// plus one for whole GB200 racks), so it is always exactly what placement will see.

/** "limited" below a fifth of the zone's total for the shape. */
export function capacityLevel(available: number, total: number): CapacityLevel {
  if (available <= 0) return "sold_out";
  return available * 5 < total ? "limited" : "available";
}

interface HostAggregate {
  zone_id: string;
  region_id: string;
  host_shape: string;
  hosts: number;
  slots: number;
  used_slots: number;
  free_hosts: number;
  free_slots: number;
  held_hosts: number;
}

const zoneOrder = new Map(REGIONS.flatMap((r) => r.zones).map((z, i) => [z.id, i]));
const shapeOrder = new Map(SHAPES.map((s, i) => [s.id, i]));

/**
 * `nowMs`: machines held by a reservation (held_until after now) are counted as reserved, never as
 * available: what is available is what an on-demand launch can be given.
 */
export async function queryCapacity(db: DbOrTx, filter: CapacityFilter = {}, nowMs: number = Date.now()): Promise<ShapeCapacity[]> {
  const now = new Date(nowMs);
  const unheld = sql`(held_until is null or held_until <= ${now})`;
  const hostShape = filter.shapeId ? placementRule(filter.shapeId).hostShape : undefined;
  const conditions = [sql`state = 'active'`];
  if (filter.zoneId) conditions.push(sql`zone_id = ${filter.zoneId}`);
  if (filter.regionId) conditions.push(sql`region_id = ${filter.regionId}`);
  if (hostShape) conditions.push(sql`host_shape = ${hostShape}`);
  const where = sql.join(conditions, sql` and `);

  const aggregates = rowsOf<HostAggregate>(
    await db.execute(sql`
      select zone_id, region_id, host_shape,
             count(*)::int as hosts, sum(slots)::int as slots, sum(used_slots)::int as used_slots,
             (count(*) filter (where used_slots = 0 and ${unheld}))::int as free_hosts,
             coalesce(sum(slots - used_slots) filter (where ${unheld}), 0)::int as free_slots,
             (count(*) filter (where not ${unheld}))::int as held_hosts
      from cp_hosts where ${where}
      group by zone_id, region_id, host_shape`),
  );
  const wholeRacks = new Map<string, number>();
  if (aggregates.some((a) => a.host_shape === "gb200-tray")) {
    const racks = rowsOf<{ zone_id: string; racks: number }>(
      await db.execute(sql`
        select zone_id, count(*)::int as racks from (
          select zone_id, rack_id from cp_hosts
          where ${where} and rack_id is not null and ${unheld}
          group by zone_id, rack_id
          having max(used_slots) = 0 and count(*) = ${NVL72_TRAYS_PER_RACK}
        ) free_racks group by zone_id`),
    );
    for (const r of racks) wholeRacks.set(r.zone_id, r.racks);
  }

  const out: ShapeCapacity[] = [];
  for (const a of aggregates) {
    const rackScale = a.host_shape === "gb200-tray";
    const entry = (shapeId: string, total: number, available: number, reserved: number): ShapeCapacity => ({
      regionId: a.region_id,
      zoneId: a.zone_id,
      shapeId,
      unit: rackScale ? "tray" : "node",
      total,
      allocated: total - available,
      available,
      level: capacityLevel(available, total),
      wholeRacksAvailable: rackScale ? (wholeRacks.get(a.zone_id) ?? 0) : null,
      reserved,
    });
    // An H100 8x host offers one h100-8x when wholly free, or its free slots as h100-1x.
    out.push(entry(a.host_shape, a.hosts, a.free_hosts, a.held_hosts));
    if (a.host_shape === "h100-8x") out.push(entry("h100-1x", a.slots, a.free_slots, a.held_hosts * 8));
  }
  return out
    .filter((c) => !filter.shapeId || c.shapeId === filter.shapeId)
    .sort((x, y) => (zoneOrder.get(x.zoneId) ?? 99) - (zoneOrder.get(y.zoneId) ?? 99) || (shapeOrder.get(x.shapeId) ?? 99) - (shapeOrder.get(y.shapeId) ?? 99));
}

/** The details of a capacity_unavailable error: what the zone has, and where else it fits. */
export async function capacityUnavailableDetails(
  db: DbOrTx,
  request: { shapeId: string; zoneId: string; count: number; topology: "rack" | null },
  nowMs: number,
): Promise<CapacityUnavailableDetails> {
  const all = await queryCapacity(db, { shapeId: request.shapeId }, nowMs);
  const fits = (c: ShapeCapacity) =>
    request.topology === "rack" ? (c.wholeRacksAvailable ?? 0) * NVL72_TRAYS_PER_RACK >= request.count : c.available >= request.count;
  const here = all.find((c) => c.zoneId === request.zoneId);
  return {
    shapeId: request.shapeId,
    zoneId: request.zoneId,
    requested: request.count,
    available: here ? (request.topology === "rack" ? (here.wholeRacksAvailable ?? 0) * NVL72_TRAYS_PER_RACK : here.available) : 0,
    topology: request.topology,
    availableIn: all
      .filter((c) => c.zoneId !== request.zoneId && c.available > 0)
      .map((c) => ({ regionId: c.regionId, zoneId: c.zoneId, available: c.available, wholeRacksAvailable: c.wholeRacksAvailable, fitsRequest: fits(c) })),
  };
}

/**
 * Runs a call that may place nodes; a shortage becomes capacity_unavailable with details of
 * where the shape IS available. The details are read after the transaction has rolled back
 * (PGlite runs one transaction at a time: reading from inside would wait on itself).
 */
export async function explainingCapacity<T>(ctx: SimContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError && error.code === "capacity_unavailable" && error.details && !("availableIn" in error.details)) {
      const request = error.details as { shapeId: string; zoneId: string; requested: number; topology: "rack" | null };
      const details = await capacityUnavailableDetails(ctx.db, { ...request, count: request.requested }, ctx.clock.now());
      throw new AppError("capacity_unavailable", error.message, { ...details });
    }
    throw error;
  }
}
