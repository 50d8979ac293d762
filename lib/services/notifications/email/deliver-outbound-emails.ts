import "server-only";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { outboundEmails } from "@/lib/db/schema";
import { backoffMs, MAX_ATTEMPTS, type DeliveryRound, type MailTransport } from "./deliver-pending-emails";

// The sender of mail to addresses (invitations). Same rules as the notification sender: a row is
// claimed by a conditional update (two instances never take the same one), sent, and marked; a
// failure is retried with backoff. Once a message is delivered — or given up — its text is
// erased, because it carries a one-time link: the database keeps who was mailed what kind of
// message and when, never the secret.

const BATCH = 50;
/** Past this age a message's link has expired anyway (invitations live 7 days). */
const MAX_AGE_MS = 7 * 24 * 3600_000;

const due = (now: Date) => or(eq(outboundEmails.status, "pending"), and(eq(outboundEmails.status, "retry"), lte(outboundEmails.nextAttemptAt, now)));

async function claimBatch(db: Db, now: Date) {
  const candidates = await db.select({ id: outboundEmails.id }).from(outboundEmails).where(due(now)).orderBy(asc(outboundEmails.id)).limit(BATCH);
  if (candidates.length === 0) return [];
  // Re-checked in the UPDATE: a row another instance claimed in between no longer matches.
  return db
    .update(outboundEmails)
    .set({ status: "sending", claimedAt: now })
    .where(and(inArray(outboundEmails.id, candidates.map((c) => c.id)), due(now)))
    .returning();
}

/**
 * Sends what is due. `delivered` names the final state: "sent" through SMTP, "logged" when the
 * transport prints to the server log (no SMTP server configured).
 */
export async function deliverOutboundEmails(db: Db, transport: MailTransport, config: { from: string; delivered: "sent" | "logged" }, now = new Date()): Promise<DeliveryRound> {
  const round: DeliveryRound = { sent: 0, failed: 0, skipped: 0 };
  // Too old to matter: the link inside is dead; drop the text rather than send it late.
  await db
    .update(outboundEmails)
    .set({ status: "failed", body: null, lastError: "expired before delivery" })
    .where(and(inArray(outboundEmails.status, ["pending", "retry"]), lt(outboundEmails.createdAt, new Date(now.getTime() - MAX_AGE_MS))));
  for (const mail of await claimBatch(db, now)) {
    const mark = (set: Partial<typeof outboundEmails.$inferInsert>) => db.update(outboundEmails).set(set).where(eq(outboundEmails.id, mail.id));
    try {
      const info = await transport.sendMail({ from: config.from, to: mail.toAddress, subject: mail.subject, text: mail.body ?? "", headers: { "X-Hinoki-Message": mail.id } });
      await mark({ status: config.delivered, body: null, sentAt: new Date(), messageId: info.messageId ?? null, attempts: sql`${outboundEmails.attempts} + 1` as unknown as number });
      round.sent++;
    } catch (error) {
      const attempts = mail.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await mark({
        status: giveUp ? "failed" : "retry",
        attempts,
        body: giveUp ? null : mail.body,
        nextAttemptAt: giveUp ? null : new Date(now.getTime() + backoffMs(attempts)),
        lastError: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500),
      });
      round.failed++;
    }
  }
  return round;
}

/** Claims left "sending" by a process that died mid-round go back to the queue. */
export async function releaseStaleOutboundClaims(db: Db, now = new Date()): Promise<void> {
  await db
    .update(outboundEmails)
    .set({ status: "retry", nextAttemptAt: now })
    .where(and(eq(outboundEmails.status, "sending"), lte(outboundEmails.claimedAt, new Date(now.getTime() - 10 * 60_000))));
}
