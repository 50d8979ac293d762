import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./foundation";

// The bell: one row per recipient, written in the transaction of the event that caused it. Text
// is stored as message keys and parameters, so each person reads it in their own language, and
// the row is the outbox for any later delivery channel (e-mail): a sender reads rows it has not
// delivered yet and records its own progress beside them, never instead of them.

export const notifications = pgTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    userId: text("user_id").notNull().references(() => users.id),
    /** budget, invoice, operation, quota, attestation, member … (per-category preferences key on it). */
    category: text("category").notNull(),
    /** Keys under notifications.messages in the catalogs; params fill their placeholders. */
    titleKey: text("title_key").notNull(),
    bodyKey: text("body_key").notNull(),
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default({}),
    /** Console path of the thing the notification is about, e.g. /hinoki-motor/billing/budgets. */
    link: text("link"),
    /** Same event, same person: stored once (e.g. budget:bud_…:2026-11:80). */
    dedupeKey: text("dedupe_key"),
    readAt: timestamp("read_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_org_user_idx").on(t.orgId, t.userId, t.id),
    uniqueIndex("notifications_user_dedupe_key").on(t.userId, t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
  ],
);
