import { eq, sql } from "drizzle-orm";
import type { HeldReservation } from "@/lib/domain/control-plane-reservations";
import { AppError, notFound } from "@/lib/domain/errors";
import type { SimContext } from "./context";
import { rowsOf, transaction } from "./db";
import { getReservation } from "./reservations";
import { cpReservationHosts, cpReservations } from "./schema";

// Test-only time travel for ONE reservation, for journeys that run against a server whose
// simulator keeps the system clock (moving the whole fleet's clock would move every other
// journey's metering and dates with it, and it cannot be moved back). Instead the reservation's
// window moves: "its start has come" shifts a pending reservation so it starts at the fleet's now
// with the same term; "its end has come" ends an active one now, and the ticker then gives its
// machines back exactly as at a real end. Reached only through the console's test hooks
// (lib/server/test-hooks.ts), which exist only when HINOKI_E2E_TEST_HOOKS=1.

const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

async function moveWindow(ctx: SimContext, reservationId: string, window: (row: typeof cpReservations.$inferSelect, nowMs: number) => { startsAt: Date; endsAt: Date }): Promise<HeldReservation> {
  const nowMs = wholeSecond(ctx.clock.now());
  await transaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(cpReservations).where(eq(cpReservations.id, reservationId)).for("update");
    if (!row) throw notFound("reservation");
    if (row.cancelledAt || row.expiredAt) throw new AppError("business_rule", `reservation ${reservationId} is over`);
    const { startsAt, endsAt } = window(row, nowMs);
    const hosts = (await tx.select({ hostId: cpReservationHosts.hostId }).from(cpReservationHosts).where(eq(cpReservationHosts.reservationId, reservationId))).map((h) => h.hostId);
    // The guarantee must still hold over the new window: no other live hold overlaps it, and
    // nothing runs on the machines but this reservation's own nodes.
    const [{ clashes }] = rowsOf<{ clashes: number }>(
      await tx.execute(sql`
        select count(*)::int as clashes from cp_reservation_hosts rh join cp_reservations r on r.id = rh.reservation_id
        where rh.host_id in (${sql.join(hosts.map((h) => sql`${h}`), sql`, `)}) and rh.reservation_id <> ${reservationId}
          and r.cancelled_at is null and rh.starts_at < ${endsAt} and rh.ends_at > ${startsAt}`),
    );
    const [{ busy }] = rowsOf<{ busy: number }>(
      await tx.execute(sql`
        select count(*)::int as busy from cp_placements
        where host_id in (${sql.join(hosts.map((h) => sql`${h}`), sql`, `)}) and state <> 'released'
          and (reservation_id is null or reservation_id <> ${reservationId})`),
    );
    if (clashes > 0 || busy > 0) throw new AppError("conflict", `reservation ${reservationId}'s machines are not free for the moved window`);
    await tx.update(cpReservations).set({ startsAt, endsAt }).where(eq(cpReservations.id, reservationId));
    await tx.update(cpReservationHosts).set({ startsAt, endsAt }).where(eq(cpReservationHosts.reservationId, reservationId));
    // held_until is the end of each machine's last live hold.
    await tx.execute(sql`
      update cp_hosts h set held_until = (
        select max(rh.ends_at) from cp_reservation_hosts rh join cp_reservations r on r.id = rh.reservation_id
        where rh.host_id = h.id and r.cancelled_at is null and r.expired_at is null)
      where h.id in (${sql.join(hosts.map((h) => sql`${h}`), sql`, `)})`);
  });
  return getReservation(ctx, reservationId);
}

/** A pending reservation starts now, for the same term. */
export function startReservationNow(ctx: SimContext, reservationId: string): Promise<HeldReservation> {
  return moveWindow(ctx, reservationId, (row, nowMs) => {
    if (row.startsAt.getTime() <= nowMs) throw new AppError("business_rule", `reservation ${reservationId} has started already`);
    return { startsAt: new Date(nowMs), endsAt: new Date(nowMs + (row.endsAt.getTime() - row.startsAt.getTime())) };
  });
}

/** An active reservation ends now; the ticker stops its nodes and returns its machines. */
export function endReservationNow(ctx: SimContext, reservationId: string): Promise<HeldReservation> {
  return moveWindow(ctx, reservationId, (row, nowMs) => {
    if (row.startsAt.getTime() > nowMs) throw new AppError("business_rule", `reservation ${reservationId} has not started`);
    return { startsAt: row.startsAt, endsAt: new Date(Math.max(nowMs, row.startsAt.getTime() + 1000)) };
  });
}
