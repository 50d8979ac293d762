import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { NVL72_TRAYS_PER_RACK } from "@/lib/domain/catalog/shapes";
import { placementRule } from "./fleet";
import { rowsOf } from "./db";
import { cpHosts, cpPlacements, cpReservations } from "./schema";

// Placement: taking and giving back slots on hosts, inside the caller's transaction.
//
// Never over-commit, even with concurrent launches on a shared PostgreSQL: candidate hosts are
// locked with SELECT … FOR UPDATE SKIP LOCKED, whose WHERE clause PostgreSQL re-checks against
// the newest committed row before locking, so two transactions can never take the same free
// slot; each skips what the other holds. (PGlite runs one transaction at a time anyway.) The
// price of SKIP LOCKED is a conservative answer: a launch may be refused while another
// transaction holds hosts it will end up not using.

export type PlacementState = "reserved" | "booting" | "ready" | "draining" | "released";

export interface PlacementRequest {
  resourceId: string;
  resourceKind: "cluster" | "endpoint";
  tenantId: string;
  poolId: string | null;
  operationId: string | null;
  shapeId: string;
  regionId: string;
  zoneId: string;
  count: number;
  topology: "rack" | null;
  /** Draw from this reservation's machines only; absent = on-demand machines only (never held ones). */
  reservationId?: string | null;
  state: PlacementState;
  at: Date;
  provisionedAt?: Date | null;
  readyDueAt?: Date | null;
}

interface CandidateHost {
  id: string;
  slots: number;
  used_slots: number;
  used_mask: number;
  gpu_count: number;
}

const fullMask = (slots: number) => (1 << slots) - 1;

function popcount(mask: number): number {
  let n = 0;
  for (let m = mask; m; m &= m - 1) n++;
  return n;
}

/** The lowest `n` free slots of a host, as a mask. */
function takeSlots(usedMask: number, slots: number, n: number): number {
  let mask = 0;
  for (let slot = 0; slot < slots && n > 0; slot++) {
    if (!(usedMask & (1 << slot))) {
      mask |= 1 << slot;
      n--;
    }
  }
  return mask;
}

class NotEnoughCapacity extends AppError {
  constructor(request: PlacementRequest) {
    super("capacity_unavailable", `not enough ${request.shapeId} capacity in ${request.zoneId} for ${request.count}`, {
      shapeId: request.shapeId,
      zoneId: request.zoneId,
      requested: request.count,
      topology: request.topology,
    });
  }
}

async function lockFreeHosts(tx: DbOrTx, where: ReturnType<typeof sql>, orderBy: ReturnType<typeof sql>, limit: number): Promise<CandidateHost[]> {
  return rowsOf<CandidateHost>(
    await tx.execute(sql`
      select id, slots, used_slots, used_mask, gpu_count from cp_hosts
      where state = 'active' and ${where}
      order by ${orderBy}
      limit ${limit}
      for update skip locked`),
  );
}

/**
 * Which machines a request may use: a reservation's launch only the machines that reservation
 * holds now; every other launch only machines no reservation holds, now or later (held_until is
 * the end of the last reservation on the machine).
 */
function holdFilter(request: PlacementRequest) {
  if (request.reservationId) {
    return sql`id in (select host_id from cp_reservation_hosts where reservation_id = ${request.reservationId} and starts_at <= ${request.at} and ends_at > ${request.at})`;
  }
  return sql`(held_until is null or held_until <= ${request.at})`;
}

/** Chooses hosts and slots for the request: [hostId, slotMask, gpuCount] per placement. */
async function choose(tx: DbOrTx, request: PlacementRequest): Promise<{ host: CandidateHost; mask: number }[]> {
  const rule = placementRule(request.shapeId);
  const hold = holdFilter(request);
  const zoneShape = sql`zone_id = ${request.zoneId} and host_shape = ${rule.hostShape} and ${hold}`;

  if (request.topology === "rack") {
    // Whole NVL72 racks: every 18 trays of the pool share one rack (one NVLink domain).
    const racksNeeded = request.count / NVL72_TRAYS_PER_RACK;
    const candidates = rowsOf<{ rack_id: string }>(
      await tx.execute(sql`
        select rack_id from cp_hosts
        where ${zoneShape} and rack_id is not null and state = 'active'
        group by rack_id
        having max(used_slots) = 0 and count(*) = ${NVL72_TRAYS_PER_RACK}
        order by rack_id`),
    );
    const chosen: { host: CandidateHost; mask: number }[] = [];
    let racks = 0;
    for (const { rack_id } of candidates) {
      if (racks === racksNeeded) break;
      const trays = await lockFreeHosts(tx, sql`rack_id = ${rack_id} and used_slots = 0 and ${hold}`, sql`rack_slot`, NVL72_TRAYS_PER_RACK);
      if (trays.length < NVL72_TRAYS_PER_RACK) continue; // another transaction got there first
      chosen.push(...trays.map((host) => ({ host, mask: fullMask(host.slots) })));
      racks++;
    }
    if (racks < racksNeeded) throw new NotEnoughCapacity(request);
    return chosen;
  }

  if (rule.slots === rule.hostSlots && rule.hostShape === "gb200-tray") {
    // Loose GB200 trays: fill racks that are already in use first, so whole racks stay whole.
    const racks = rowsOf<{ rack_id: string }>(
      await tx.execute(sql`
        select rack_id from cp_hosts
        where ${zoneShape} and state = 'active'
        group by rack_id
        having min(used_slots) = 0
        order by sum(used_slots) desc, rack_id`),
    );
    const chosen: { host: CandidateHost; mask: number }[] = [];
    for (const { rack_id } of racks) {
      const remaining = request.count - chosen.length;
      if (remaining === 0) break;
      const trays = await lockFreeHosts(tx, sql`rack_id = ${rack_id} and used_slots = 0 and ${hold}`, sql`rack_slot`, remaining);
      chosen.push(...trays.map((host) => ({ host, mask: fullMask(host.slots) })));
    }
    if (chosen.length < request.count) throw new NotEnoughCapacity(request);
    return chosen;
  }

  if (rule.slots === rule.hostSlots) {
    const hosts = await lockFreeHosts(tx, sql`${zoneShape} and used_slots = 0`, sql`id`, request.count);
    if (hosts.length < request.count) throw new NotEnoughCapacity(request);
    return hosts.map((host) => ({ host, mask: fullMask(host.slots) }));
  }

  // Slices (h100-1x): pack onto hosts that are already sliced, to keep whole hosts for h100-8x.
  const hosts = await lockFreeHosts(tx, sql`${zoneShape} and used_slots <= ${rule.hostSlots - rule.slots}`, sql`used_slots desc, id`, request.count);
  const chosen: { host: CandidateHost; mask: number }[] = [];
  for (const host of hosts) {
    let used = host.used_mask;
    while (chosen.length < request.count && host.slots - popcount(used) >= rule.slots) {
      const mask = takeSlots(used, host.slots, rule.slots);
      used |= mask;
      chosen.push({ host, mask });
    }
  }
  if (chosen.length < request.count) throw new NotEnoughCapacity(request);
  return chosen;
}

export interface PlacedNode {
  id: string;
  hostId: string;
}

/** Takes capacity for `count` nodes and records them; throws capacity_unavailable if it cannot. */
export async function reserve(tx: DbOrTx, request: PlacementRequest): Promise<PlacedNode[]> {
  if (request.count === 0) return [];
  if (request.reservationId) await assertDrawable(tx, request);
  const chosen = await choose(tx, request);

  const maskByHost = new Map<string, { host: CandidateHost; mask: number }>();
  for (const { host, mask } of chosen) {
    const entry = maskByHost.get(host.id) ?? { host, mask: 0 };
    entry.mask |= mask;
    maskByHost.set(host.id, entry);
  }
  // Group hosts by the mask they receive, so a whole-host reservation is one UPDATE.
  const hostsByMask = new Map<number, string[]>();
  for (const { host, mask } of maskByHost.values()) hostsByMask.set(mask, [...(hostsByMask.get(mask) ?? []), host.id]);
  for (const [mask, ids] of hostsByMask) {
    await tx
      .update(cpHosts)
      .set({ usedSlots: sql`${cpHosts.usedSlots} + ${popcount(mask)}`, usedMask: sql`${cpHosts.usedMask} | ${mask}` })
      .where(inArray(cpHosts.id, ids));
  }

  const rule = placementRule(request.shapeId);
  const rows = chosen.map(({ host, mask }) => ({
    id: newId("node", request.at.getTime()),
    resourceId: request.resourceId,
    resourceKind: request.resourceKind,
    tenantId: request.tenantId,
    poolId: request.poolId,
    operationId: request.operationId,
    reservationId: request.reservationId ?? null,
    hostId: host.id,
    slotMask: mask,
    shapeId: request.shapeId,
    regionId: request.regionId,
    zoneId: request.zoneId,
    gpuCount: (host.gpu_count / rule.hostSlots) * popcount(mask),
    state: request.state,
    reservedAt: request.at,
    readyDueAt: request.readyDueAt ?? null,
    provisionedAt: request.provisionedAt ?? null,
  }));
  for (let i = 0; i < rows.length; i += 500) await tx.insert(cpPlacements).values(rows.slice(i, i + 500));
  return rows.map((r) => ({ id: r.id, hostId: r.hostId }));
}

/** Gives back the slots of the given placements (those not already released). */
export async function release(tx: DbOrTx, placementIds: readonly string[], at: Date): Promise<number> {
  if (placementIds.length === 0) return 0;
  const released = await tx
    .update(cpPlacements)
    .set({ state: "released", releasedAt: at })
    .where(and(inArray(cpPlacements.id, [...placementIds]), ne(cpPlacements.state, "released")))
    .returning({ hostId: cpPlacements.hostId, slotMask: cpPlacements.slotMask });
  const maskByHost = new Map<string, number>();
  for (const r of released) maskByHost.set(r.hostId, (maskByHost.get(r.hostId) ?? 0) | r.slotMask);
  // Sorted, so two transactions releasing on the same hosts lock them in the same order.
  for (const hostId of [...maskByHost.keys()].sort()) {
    const mask = maskByHost.get(hostId)!;
    await tx
      .update(cpHosts)
      .set({ usedSlots: sql`${cpHosts.usedSlots} - ${popcount(mask)}`, usedMask: sql`${cpHosts.usedMask} & ${~mask}` })
      .where(eq(cpHosts.id, hostId));
  }
  return released.length;
}

/** Ids of a resource's placements that are not released, optionally narrowed. */
export async function activePlacementIds(tx: DbOrTx, resourceId: string, filter: { operationId?: string; poolId?: string } = {}): Promise<string[]> {
  const conditions = [eq(cpPlacements.resourceId, resourceId), ne(cpPlacements.state, "released")];
  if (filter.operationId) conditions.push(eq(cpPlacements.operationId, filter.operationId));
  if (filter.poolId) conditions.push(eq(cpPlacements.poolId, filter.poolId));
  const rows = await tx.select({ id: cpPlacements.id }).from(cpPlacements).where(and(...conditions));
  return rows.map((r) => r.id);
}

/** A launch may draw on a reservation only of its own tenant, for the same shape and zone, while it is active. */
async function assertDrawable(tx: DbOrTx, request: PlacementRequest): Promise<void> {
  const [r] = await tx.select().from(cpReservations).where(eq(cpReservations.id, request.reservationId!));
  // Another tenant's reservation is indistinguishable from one that does not exist.
  if (!r || r.tenantId !== request.tenantId) throw new AppError("not_found", `reservation ${request.reservationId} not found`);
  const rule = placementRule(request.shapeId);
  if (r.zoneId !== request.zoneId || placementRule(r.shapeId).hostShape !== rule.hostShape || rule.slots !== rule.hostSlots) {
    throw new AppError("business_rule", `reservation ${r.id} holds ${r.shapeId} in ${r.zoneId}; it cannot serve ${request.shapeId} in ${request.zoneId}`, { reservationId: r.id });
  }
  const at = request.at.getTime();
  if (r.cancelledAt || at >= r.endsAt.getTime()) throw new AppError("business_rule", `reservation ${r.id} has ended`, { reservationId: r.id });
  if (at < r.startsAt.getTime()) {
    throw new AppError("business_rule", `reservation ${r.id} starts at ${r.startsAt.toISOString()}`, { reservationId: r.id, startsAt: r.startsAt.toISOString() });
  }
}
