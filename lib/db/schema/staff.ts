import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { orgs, users } from "./foundation";

// The provider's own notes about a customer account. Staff-only: no customer-facing service
// reads this table, and writing a note is audited in the staff log (org_id null), not in the
// customer's.

export const accountNotes = pgTable(
  "account_notes",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    authorId: text("author_id").notNull().references(() => users.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("account_notes_org_idx").on(t.orgId, t.id)],
);
