import { and, asc, eq, inArray, isNull, lte, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { findZone } from "@/lib/domain/catalog/regions";
import { NVL72_TRAYS_PER_RACK, findShape } from "@/lib/domain/catalog/shapes";
import type { NodePoolSpec } from "@/lib/domain/control-plane";
import {
  ReservationAvailabilityQuery,
  ReservationSpec,
  type HeldReservation,
  type ReleaseOutlook,
  type ReservationAvailability,
  type ReservationSpecInput,
} from "@/lib/domain/control-plane-reservations";
import { AppError, notFound } from "@/lib/domain/errors";
import { parseInput } from "../validation";
import type { SimContext } from "./context";
import { iso, rowsOf, transaction } from "./db";
import { placementRule } from "./fleet";
import { release } from "./placement";
import { cpClusters, cpHosts, cpPlacements, cpReservationHosts, cpReservations } from "./schema";

// Reservations: whole machines held for one tenant over a window.
//
// The guarantee: from the moment a reservation is accepted until its end, its machines are
// never placed on demand (placement.ts holdFilter), so at its start they are there. A machine is
// chosen for a window only if it is free now and no other reservation holds it during the window
// — or if what runs on it now belongs to reservations that end before the window starts, because
// a reservation's nodes are stopped at its end. Machines busy on demand have no known end, so they
// are never promised. That also gives the earliest start that can be guaranteed: the first end of
// another reservation after which enough machines qualify.

type ReservationRow = typeof cpReservations.$inferSelect;

interface MachineFacts {
  id: string;
  rackId: string | null;
  /** Windows other reservations hold it for (ms). */
  holds: { startsAt: number; endsAt: number }[];
  /** Live nodes on it: the end of the reservation each belongs to, or Infinity when on demand. */
  busyUntil: number;
}

async function machineFacts(tx: DbOrTx, zoneId: string, hostShape: string, nowMs: number, lock: boolean): Promise<MachineFacts[]> {
  // Locking every machine of the zone and shape serializes two reservations for the same
  // machines on PostgreSQL; an on-demand launch meanwhile skips them (SKIP LOCKED) for that instant.
  const hosts = rowsOf<{ id: string; rack_id: string | null }>(
    await tx.execute(sql`
      select id, rack_id from cp_hosts
      where zone_id = ${zoneId} and host_shape = ${hostShape} and state = 'active'
      order by id ${lock ? sql`for update` : sql``}`),
  );
  const holds = rowsOf<{ host_id: string; starts_at: Date | string; ends_at: Date | string }>(
    await tx.execute(sql`
      select rh.host_id, rh.starts_at, rh.ends_at from cp_reservation_hosts rh
      join cp_reservations r on r.id = rh.reservation_id
      join cp_hosts h on h.id = rh.host_id
      where h.zone_id = ${zoneId} and h.host_shape = ${hostShape} and r.cancelled_at is null and rh.ends_at > ${new Date(nowMs)}`),
  );
  const busy = rowsOf<{ host_id: string; ends_at: Date | string | null }>(
    await tx.execute(sql`
      select p.host_id, r.ends_at from cp_placements p
      join cp_hosts h on h.id = p.host_id
      left join cp_reservations r on r.id = p.reservation_id
      where h.zone_id = ${zoneId} and h.host_shape = ${hostShape} and p.state <> 'released'`),
  );
  const byId = new Map<string, MachineFacts>(hosts.map((h) => [h.id, { id: h.id, rackId: h.rack_id, holds: [], busyUntil: 0 }]));
  for (const h of holds) byId.get(h.host_id)?.holds.push({ startsAt: new Date(h.starts_at).getTime(), endsAt: new Date(h.ends_at).getTime() });
  for (const b of busy) {
    const m = byId.get(b.host_id);
    if (m) m.busyUntil = Math.max(m.busyUntil, b.ends_at === null ? Infinity : new Date(b.ends_at).getTime());
  }
  return [...byId.values()];
}

/** The machines that can be promised for [startMs, endMs), whole racks for rack-scale shapes; null if too few. */
function pickMachines(machines: MachineFacts[], startMs: number, endMs: number, count: number, rackScale: boolean): MachineFacts[] | null {
  const qualifies = (m: MachineFacts) => m.busyUntil <= startMs && m.holds.every((h) => h.endsAt <= startMs || h.startsAt >= endMs);
  if (!rackScale) {
    const free = machines.filter(qualifies);
    return free.length >= count ? free.slice(0, count) : null;
  }
  const racks = new Map<string, MachineFacts[]>();
  for (const m of machines) if (m.rackId) racks.set(m.rackId, [...(racks.get(m.rackId) ?? []), m]);
  const chosen: MachineFacts[] = [];
  for (const [, trays] of [...racks].sort(([a], [b]) => a.localeCompare(b))) {
    if (chosen.length >= count) break;
    if (trays.length === NVL72_TRAYS_PER_RACK && trays.every(qualifies)) chosen.push(...trays);
  }
  return chosen.length >= count ? chosen : null;
}

/** The first start at or after the asked one where the same term can be promised. */
function earliestStart(machines: MachineFacts[], startMs: number, termMs: number, count: number, rackScale: boolean): number | null {
  const candidates = new Set<number>([startMs]);
  for (const m of machines) {
    for (const h of m.holds) if (h.endsAt > startMs) candidates.add(h.endsAt);
    if (m.busyUntil > startMs && Number.isFinite(m.busyUntil)) candidates.add(m.busyUntil);
  }
  for (const t of [...candidates].sort((a, b) => a - b)) {
    if (pickMachines(machines, t, t + termMs, count, rackScale)) return t;
  }
  return null;
}

function hostShapeOf(shapeId: string): string {
  const rule = placementRule(shapeId);
  if (rule.slots !== rule.hostSlots) throw new AppError("validation_failed", `${shapeId} is a slice of a shared machine and cannot be reserved`);
  return rule.hostShape;
}

export async function checkAvailability(ctx: SimContext, input: ReservationAvailabilityQuery): Promise<ReservationAvailability> {
  const query = parseInput(ReservationAvailabilityQuery, input);
  const nowMs = ctx.clock.now();
  const startMs = Math.max(Date.parse(query.startsAt), nowMs);
  const termMs = Date.parse(query.endsAt) - Date.parse(query.startsAt);
  const machines = await machineFacts(ctx.db, query.zoneId, hostShapeOf(query.shapeId), nowMs, false);
  const rackScale = findShape(query.shapeId)?.rackScale ?? false;
  const earliest = earliestStart(machines, startMs, termMs, query.count, rackScale);
  return {
    available: earliest === startMs,
    earliestStartAt: earliest === null ? null : iso(earliest === startMs ? Date.parse(query.startsAt) : earliest),
    basis: earliest === null ? "none" : earliest === startMs ? "free_now" : "reservations_ending",
  };
}

function statusOf(row: ReservationRow, nowMs: number): HeldReservation["status"] {
  if (row.cancelledAt) return "cancelled";
  if (nowMs >= row.endsAt.getTime()) return "expired";
  return nowMs >= row.startsAt.getTime() ? "active" : "scheduled";
}

async function toHeld(tx: DbOrTx, row: ReservationRow, nowMs: number): Promise<HeldReservation> {
  const hosts = await tx.select({ hostId: cpReservationHosts.hostId }).from(cpReservationHosts).where(eq(cpReservationHosts.reservationId, row.id)).orderBy(asc(cpReservationHosts.hostId));
  const [{ inUse }] = rowsOf<{ inUse: number }>(
    await tx.execute(sql`select count(*)::int as "inUse" from cp_placements where reservation_id = ${row.id} and state <> 'released'`),
  );
  return {
    reservationId: row.id,
    tenantId: row.tenantId,
    shapeId: row.shapeId,
    regionId: row.regionId,
    zoneId: row.zoneId,
    count: row.count,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    status: statusOf(row, nowMs),
    inUse,
    hostIds: hosts.map((h) => h.hostId),
  };
}

const sameSpec = (row: ReservationRow, spec: ReservationSpec) =>
  row.tenantId === spec.tenantId &&
  row.shapeId === spec.shapeId &&
  row.zoneId === spec.zoneId &&
  row.count === spec.count &&
  row.startsAt.getTime() === Date.parse(spec.startsAt) &&
  row.endsAt.getTime() === Date.parse(spec.endsAt);

/**
 * Holds machines for the reservation, or refuses with capacity_unavailable and the earliest start
 * that can be guaranteed (details.earliestStartAt). The reservation id is the idempotency key: a
 * repeat of the same spec returns the same reservation; a different spec under that id is a conflict.
 */
export async function createReservation(ctx: SimContext, input: ReservationSpecInput): Promise<HeldReservation> {
  const spec = parseInput(ReservationSpec, input);
  const nowMs = ctx.clock.now();
  const zone = findZone(spec.zoneId)!;
  const hostShape = hostShapeOf(spec.shapeId);
  const rackScale = findShape(spec.shapeId)?.rackScale ?? false;
  if (Date.parse(spec.endsAt) <= nowMs) throw new AppError("validation_failed", "the reservation would end in the past");

  return transaction(ctx.db, async (tx) => {
    const [existing] = await tx.select().from(cpReservations).where(eq(cpReservations.id, spec.reservationId));
    if (existing) {
      if (!sameSpec(existing, spec)) throw new AppError("conflict", `reservation ${spec.reservationId} already exists with other terms`);
      return toHeld(tx, existing, nowMs);
    }
    const startMs = Math.max(Date.parse(spec.startsAt), nowMs);
    const endMs = Date.parse(spec.endsAt);
    const machines = await machineFacts(tx, spec.zoneId, hostShape, nowMs, true);
    const picked = pickMachines(machines, startMs, endMs, spec.count, rackScale);
    if (!picked) {
      const earliest = earliestStart(machines, startMs, endMs - Date.parse(spec.startsAt), spec.count, rackScale);
      throw new AppError("capacity_unavailable", `${spec.count} × ${spec.shapeId} cannot be guaranteed in ${spec.zoneId} from ${spec.startsAt}`, {
        shapeId: spec.shapeId,
        zoneId: spec.zoneId,
        requested: spec.count,
        earliestStartAt: earliest === null ? null : iso(earliest),
      });
    }
    const row = {
      id: spec.reservationId,
      tenantId: spec.tenantId,
      shapeId: spec.shapeId,
      regionId: zone.regionId,
      zoneId: zone.id,
      count: spec.count,
      startsAt: new Date(spec.startsAt),
      endsAt: new Date(endMs),
      createdAt: new Date(nowMs),
    };
    await tx.insert(cpReservations).values(row);
    const ids = picked.map((m) => m.id);
    await tx.insert(cpReservationHosts).values(ids.map((hostId) => ({ reservationId: row.id, hostId, startsAt: row.startsAt, endsAt: row.endsAt })));
    await tx
      .update(cpHosts)
      .set({ heldUntil: sql`greatest(coalesce(${cpHosts.heldUntil}, ${row.endsAt}), ${row.endsAt})` })
      .where(inArray(cpHosts.id, ids));
    const [inserted] = await tx.select().from(cpReservations).where(eq(cpReservations.id, row.id));
    return toHeld(tx, inserted, nowMs);
  });
}

export async function getReservation(ctx: SimContext, reservationId: string): Promise<HeldReservation> {
  const [row] = await ctx.db.select().from(cpReservations).where(eq(cpReservations.id, reservationId));
  if (!row) throw notFound("reservation");
  return toHeld(ctx.db, row, ctx.clock.now());
}

export async function listReservations(ctx: SimContext, tenantId: string): Promise<HeldReservation[]> {
  const rows = await ctx.db.select().from(cpReservations).where(eq(cpReservations.tenantId, tenantId)).orderBy(asc(cpReservations.createdAt), asc(cpReservations.id));
  const nowMs = ctx.clock.now();
  return Promise.all(rows.map((r) => toHeld(ctx.db, r, nowMs)));
}

/** The end of the last live hold of each machine, after some holds went away. */
async function recomputeHeldUntil(tx: DbOrTx, hostIds: string[]): Promise<void> {
  if (hostIds.length === 0) return;
  await tx.execute(sql`
    update cp_hosts h set held_until = (
      select max(rh.ends_at) from cp_reservation_hosts rh join cp_reservations r on r.id = rh.reservation_id
      where rh.host_id = h.id and r.cancelled_at is null)
    where h.id in (${sql.join(hostIds.map((id) => sql`${id}`), sql`, `)})`);
}

/** Cancels a reservation before its start; its machines are free for others at once. Repeats are harmless. */
export async function cancelReservation(ctx: SimContext, reservationId: string): Promise<HeldReservation> {
  const nowMs = ctx.clock.now();
  return transaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(cpReservations).where(eq(cpReservations.id, reservationId)).for("update");
    if (!row) throw notFound("reservation");
    if (row.cancelledAt) return toHeld(tx, row, nowMs);
    if (nowMs >= row.startsAt.getTime()) throw new AppError("business_rule", "a reservation can be cancelled only before its start", { startsAt: iso(row.startsAt) });
    const hosts = await tx.select({ hostId: cpReservationHosts.hostId }).from(cpReservationHosts).where(eq(cpReservationHosts.reservationId, reservationId));
    const [cancelled] = await tx.update(cpReservations).set({ cancelledAt: new Date(nowMs) }).where(eq(cpReservations.id, reservationId)).returning();
    await recomputeHeldUntil(tx, hosts.map((h) => h.hostId).sort());
    return toHeld(tx, cancelled, nowMs);
  });
}

/**
 * At the end of a term the reservation's machines go back to the fleet: nodes still on them are
 * stopped (released, so their metering ends there) and their pools shrink by as many, so the
 * cluster says what it has. Run by the ticker; each reservation once.
 */
export async function expireReservations(ctx: SimContext, nowMs: number): Promise<number> {
  const due = await ctx.db
    .select({ id: cpReservations.id })
    .from(cpReservations)
    .where(and(lte(cpReservations.endsAt, new Date(nowMs)), isNull(cpReservations.expiredAt), isNull(cpReservations.cancelledAt)));
  for (const { id } of due) {
    await transaction(ctx.db, async (tx) => {
      const [row] = await tx.select().from(cpReservations).where(and(eq(cpReservations.id, id), isNull(cpReservations.expiredAt))).for("update");
      if (!row) return;
      const live = await tx
        .select({ id: cpPlacements.id, resourceId: cpPlacements.resourceId, poolId: cpPlacements.poolId })
        .from(cpPlacements)
        .where(and(eq(cpPlacements.reservationId, id), ne(cpPlacements.state, "released")));
      // Stopped at the end of the term, to the second.
      await release(tx, live.map((p) => p.id), row.endsAt);
      const stoppedPerPool = new Map<string, number>();
      for (const p of live) {
        const key = `${p.resourceId}\u0000${p.poolId ?? ""}`;
        stoppedPerPool.set(key, (stoppedPerPool.get(key) ?? 0) + 1);
      }
      for (const clusterId of new Set(live.map((p) => p.resourceId))) {
        const [cluster] = await tx.select().from(cpClusters).where(eq(cpClusters.id, clusterId)).for("update");
        if (!cluster) continue;
        const pools = (cluster.nodePools as NodePoolSpec[]).map((pool) => {
          if (pool.reservationId !== id) return pool;
          const count = Math.max(0, pool.count - (stoppedPerPool.get(`${clusterId}\u0000${pool.poolId}`) ?? 0));
          const autoscaling = pool.autoscaling && pool.autoscaling.min > count ? null : pool.autoscaling;
          return { ...pool, count, autoscaling, reservationId: null };
        });
        await tx.update(cpClusters).set({ nodePools: pools, updatedAt: new Date(nowMs) }).where(eq(cpClusters.id, clusterId));
      }
      await tx.update(cpReservations).set({ expiredAt: new Date(nowMs) }).where(eq(cpReservations.id, id));
    });
  }
  return due.length;
}

/** Known releases (reservations ending, with the nodes that then stop) and the release rate of the last day. */
export async function releaseOutlook(ctx: SimContext, zoneId: string, shapeId: string): Promise<ReleaseOutlook> {
  if (!findZone(zoneId) || !findShape(shapeId)) throw new AppError("validation_failed", "unknown zone or shape");
  const nowMs = ctx.clock.now();
  const now = new Date(nowMs);
  const hostShape = placementRule(shapeId).hostShape;
  const ending = rowsOf<{ ends_at: Date | string; machines: number }>(
    await ctx.db.execute(sql`
      select r.ends_at, count(*)::int as machines from cp_reservation_hosts rh
      join cp_reservations r on r.id = rh.reservation_id and r.cancelled_at is null
      join cp_hosts h on h.id = rh.host_id
      where h.zone_id = ${zoneId} and h.host_shape = ${hostShape} and r.ends_at > ${now}
      group by r.ends_at order by r.ends_at`),
  );
  const [released] = rowsOf<{ n: number }>(
    await ctx.db.execute(sql`
      select count(*)::int as n from cp_placements p join cp_hosts h on h.id = p.host_id
      where h.zone_id = ${zoneId} and h.host_shape = ${hostShape} and p.released_at > ${new Date(nowMs - 86_400_000)} and p.released_at <= ${now}`),
  );
  return {
    zoneId,
    shapeId,
    knownReleases: ending.map((e) => ({ at: iso(new Date(e.ends_at)), count: e.machines })),
    observedReleasesPerHour: Math.round((released.n / 24) * 100) / 100,
  };
}
