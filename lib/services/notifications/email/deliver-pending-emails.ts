import "server-only";
import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { notificationEmailDeliveries, notificationEmailPreferences, notifications, users } from "@/lib/db/schema";
import { EMAIL_DEFAULTS, type RoutedCategory } from "@/lib/domain/notification-routing";
import { renderNotificationEmail } from "./render-email";

// The e-mail sender. It claims undelivered notifications (a delivery row with status "sending",
// inserted with ON CONFLICT DO NOTHING, so two senders never take the same one), sends each,
// and records the result. A failed send is retried with exponential backoff; after
// MAX_ATTEMPTS it is given up and kept as "failed" for the operator to see.

export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; headers?: Record<string, string> }): Promise<{ messageId?: string }>;
}

export const MAX_ATTEMPTS = 8;
const MAX_AGE_MS = 7 * 24 * 3600_000;
const BATCH = 50;

export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3600_000);
}

export interface DeliveryRound {
  sent: number;
  failed: number;
  skipped: number;
}

async function wantsEmail(db: Db, userId: string, category: string): Promise<boolean> {
  const [row] = await db
    .select({ email: notificationEmailPreferences.email })
    .from(notificationEmailPreferences)
    .where(and(eq(notificationEmailPreferences.userId, userId), eq(notificationEmailPreferences.category, category)))
    .limit(1);
  return row?.email ?? EMAIL_DEFAULTS[category as RoutedCategory] ?? false;
}

async function claimBatch(db: Db, now: Date): Promise<string[]> {
  // New notifications: no delivery row yet.
  const fresh = await db
    .select({ id: notifications.id, userId: notifications.userId })
    .from(notifications)
    .leftJoin(notificationEmailDeliveries, eq(notificationEmailDeliveries.notificationId, notifications.id))
    .where(and(isNull(notificationEmailDeliveries.notificationId), gt(notifications.createdAt, new Date(now.getTime() - MAX_AGE_MS))))
    .orderBy(asc(notifications.id))
    .limit(BATCH);
  const claimed: string[] = [];
  if (fresh.length > 0) {
    const inserted = await db
      .insert(notificationEmailDeliveries)
      .values(fresh.map((n) => ({ notificationId: n.id, userId: n.userId, status: "sending", claimedAt: now })))
      .onConflictDoNothing()
      .returning({ id: notificationEmailDeliveries.notificationId });
    claimed.push(...inserted.map((r) => r.id));
  }
  // Retries that are due.
  const due = await db
    .update(notificationEmailDeliveries)
    .set({ status: "sending", claimedAt: now })
    .where(and(eq(notificationEmailDeliveries.status, "retry"), lte(notificationEmailDeliveries.nextAttemptAt, now)))
    .returning({ id: notificationEmailDeliveries.notificationId });
  claimed.push(...due.map((r) => r.id));
  return claimed;
}

export async function deliverPendingEmails(db: Db, transport: MailTransport, config: { from: string; consoleUrl: string }, now = new Date()): Promise<DeliveryRound> {
  const round: DeliveryRound = { sent: 0, failed: 0, skipped: 0 };
  const ids = await claimBatch(db, now);
  if (ids.length === 0) return round;
  const rows = await db
    .select({ notification: notifications, email: users.email, name: users.name, locale: users.locale, attempts: notificationEmailDeliveries.attempts })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(notificationEmailDeliveries, eq(notificationEmailDeliveries.notificationId, notifications.id))
    .where(inArray(notifications.id, ids))
    .orderBy(asc(notifications.id));
  for (const row of rows) {
    const n = row.notification;
    const mark = (set: Partial<typeof notificationEmailDeliveries.$inferInsert>) =>
      db.update(notificationEmailDeliveries).set(set).where(eq(notificationEmailDeliveries.notificationId, n.id));
    if (!(await wantsEmail(db, n.userId, n.category))) {
      await mark({ status: "skipped" });
      round.skipped++;
      continue;
    }
    const email = renderNotificationEmail(n, { name: row.name, locale: row.locale === "en" ? "en" : "ja" }, config.consoleUrl);
    try {
      const info = await transport.sendMail({ from: config.from, to: row.email, subject: email.subject, text: email.text, headers: { "X-Hinoki-Notification": n.id } });
      await mark({ status: "sent", sentAt: new Date(), messageId: info.messageId ?? null, attempts: sql`${notificationEmailDeliveries.attempts} + 1` as unknown as number });
      round.sent++;
    } catch (error) {
      const attempts = row.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await mark({
        status: giveUp ? "failed" : "retry",
        attempts,
        nextAttemptAt: giveUp ? null : new Date(now.getTime() + backoffMs(attempts)),
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
      });
      round.failed++;
    }
  }
  return round;
}

/** Claims left "sending" by a process that died mid-round go back to the retry queue. */
export async function releaseStaleClaims(db: Db, now = new Date()): Promise<void> {
  await db
    .update(notificationEmailDeliveries)
    .set({ status: "retry", nextAttemptAt: now })
    .where(and(eq(notificationEmailDeliveries.status, "sending"), lte(notificationEmailDeliveries.claimedAt, new Date(now.getTime() - 10 * 60_000))));
}
