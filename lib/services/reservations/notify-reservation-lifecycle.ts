import "server-only";
import { and, eq, gt, lte } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { capacityReservations, orgs } from "@/lib/db/schema";
import { jstDateOf } from "@/lib/domain/billing";
import { NOTIFICATION_AUDIENCE } from "@/lib/domain/notification-routing";
import { notifyOrgRoles } from "../notifications/notify";
import { reservationUtilisation } from "./reservation-utilisation";

// Reservations' news, run by a fleet-once background loop on the fleet's clock: 30 and 7 days
// before the end (only notices shorter than the term: a one-week block gets no "30 days left"),
// and when utilisation since the start stays below the threshold — at most once a week. Each
// notice is marked on the reservation and deduplicated per person, so a rerun or a second
// instance sends nothing twice.

const DAY = 86_400_000;
const EXPIRY_NOTICES = [30, 7] as const;
export const LOW_UTILISATION_PERCENT = 50;
/** Utilisation is judged only after a day of use, and repeated at most weekly. */
const LOW_UTILISATION_AFTER = DAY;
const LOW_UTILISATION_EVERY_DAYS = 7;

export async function notifyReservationLifecycle(db: Db, nowMs: number): Promise<{ expiring: number; lowUtilisation: number }> {
  const now = new Date(nowMs);
  const live = await db
    .select({ r: capacityReservations, slug: orgs.slug })
    .from(capacityReservations)
    .innerJoin(orgs, eq(orgs.id, capacityReservations.orgId))
    .where(and(eq(capacityReservations.state, "ordered"), gt(capacityReservations.endsAt, now), lte(capacityReservations.startsAt, new Date(nowMs + 30 * DAY))));
  let expiring = 0;
  let lowUtilisation = 0;
  const roles = NOTIFICATION_AUDIENCE.reservation;

  for (const { r, slug } of live) {
    const params = { reservation: r.id, shape: r.shapeId, count: r.count, zone: r.zoneId, endsAt: r.endsAt.toISOString() };
    const termDays = (r.endsAt.getTime() - r.startsAt.getTime()) / DAY;
    const daysLeft = (r.endsAt.getTime() - nowMs) / DAY;
    // The smallest notice already due that has not been sent (a 7-day notice supersedes a missed 30-day one).
    const due = EXPIRY_NOTICES.filter((n) => n < termDays && daysLeft <= n && (r.expiryNoticeDays === null || n < r.expiryNoticeDays)).at(-1);
    if (due !== undefined) {
      await db.transaction(async (tx) => {
        await notifyOrgRoles(tx, r.orgId, roles, { category: "reservation", titleKey: "reservationExpiring.title", bodyKey: "reservationExpiring.body", params: { ...params, days: due }, link: `/${slug}/reservations/${r.id}`, dedupeKey: `reservation:${r.id}:expiry:${due}` }, now);
        await tx.update(capacityReservations).set({ expiryNoticeDays: due }).where(eq(capacityReservations.id, r.id));
      });
      expiring++;
    }

    if (nowMs - r.startsAt.getTime() < LOW_UTILISATION_AFTER) continue;
    const lastOn = r.lowUtilisationNotifiedOn ? Date.parse(`${r.lowUtilisationNotifiedOn}T00:00:00Z`) : null;
    const today = jstDateOf(now);
    if (lastOn !== null && Date.parse(`${today}T00:00:00Z`) - lastOn < LOW_UTILISATION_EVERY_DAYS * DAY) continue;
    const utilisation = (await reservationUtilisation(db, r.orgId, [r], nowMs)).get(r.id);
    if (!utilisation || Number(utilisation.percent) >= LOW_UTILISATION_PERCENT) continue;
    await db.transaction(async (tx) => {
      await notifyOrgRoles(
        tx,
        r.orgId,
        roles,
        { category: "reservation", titleKey: "reservationLowUtilisation.title", bodyKey: "reservationLowUtilisation.body", params: { ...params, percent: utilisation.percent, threshold: LOW_UTILISATION_PERCENT }, link: `/${slug}/reservations/${r.id}`, dedupeKey: `reservation:${r.id}:low:${today}` },
        now,
      );
      await tx.update(capacityReservations).set({ lowUtilisationNotifiedOn: today }).where(eq(capacityReservations.id, r.id));
    });
    lowUtilisation++;
  }
  return { expiring, lowUtilisation };
}
