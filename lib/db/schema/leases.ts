import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Leases for work done once per fleet (background loops): one row per kind of work, naming the
// console instance that holds it and until when. Taken and renewed with one conditional upsert
// against the database's own clock (lib/db/leases.ts), so instances' clocks never have to agree;
// a holder that dies simply stops renewing and the row lapses.

export const leases = pgTable("leases", {
  /** The work, e.g. the background task's name ("billing.close-month"). */
  name: text("name").primaryKey(),
  /** The instance holding it: host, process id and a random part (lib/server/background-tasks.ts). */
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  /** When this holder took it (kept while it renews): how long one instance has done the work. */
  acquiredAt: timestamp("acquired_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
