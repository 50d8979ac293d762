import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// E-mail delivery of notifications. The notifications table is the outbox; this table records
// the sender's progress beside each row (claimed, sent, retrying), so a mail server that is
// down delays mail and loses none, and a sent message is never sent again.

export const notificationEmailDeliveries = pgTable(
  "notification_email_deliveries",
  {
    notificationId: text("notification_id").primaryKey(),
    userId: text("user_id").notNull(),
    /** sending (claimed), sent, retry (waiting for next_attempt_at), skipped (opted out), failed (gave up). */
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("notification_email_deliveries_retry_idx").on(t.status, t.nextAttemptAt)],
);

/** A person's choice per category; no row means the category's default. */
export const notificationEmailPreferences = pgTable(
  "notification_email_preferences",
  {
    userId: text("user_id").notNull(),
    category: text("category").notNull(),
    email: boolean("email").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.category] })],
);

/**
 * E-mail to an address rather than to a member (an invitation reaches people who have no
 * account yet). Written in the transaction of the event that causes it; the sender claims rows
 * (status "sending"), sends them through SMTP — or prints them to the server log when no SMTP
 * server is configured — and then erases the body, because it carries a one-time link: the
 * secret rests in the database only until it is delivered.
 */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: text("id").primaryKey(),
    toAddress: text("to_address").notNull(),
    /** invitation, … (what kind of message; never its secret). */
    kind: text("kind").notNull(),
    subject: text("subject").notNull(),
    /** The message text; null once delivered (or given up). */
    body: text("body"),
    /** pending, sending (claimed), sent, logged (printed: no SMTP), retry, failed. */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    messageId: text("message_id"),
    claimedAt: timestamp("claimed_at", { withTimezone: true, mode: "date" }),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("outbound_emails_status_idx").on(t.status, t.nextAttemptAt), index("outbound_emails_to_idx").on(t.toAddress, t.id)],
);
