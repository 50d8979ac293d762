import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// Password sign-in throttling (lib/auth/sign-in-throttle.ts). One row per (account e-mail,
// client address) with growing delays, and one per account (client "*") as a generous ceiling
// against guessing from many addresses. Rows exist for unknown e-mails too, so the answers do
// not tell which accounts exist.

const at = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    email: text("email").notNull(),
    /** The client address, or "*" for the account-wide ceiling. */
    client: text("client").notNull(),
    /** Failed (or still running) attempts since the count last restarted. */
    failures: integer("failures").notNull().default(0),
    /** No attempt is evaluated before this time. */
    blockedUntil: at("blocked_until").notNull(),
    lastFailureAt: at("last_failure_at"),
    /** A correct password from this client for this account: it is exempt from the account-wide ceiling. */
    lastSuccessAt: at("last_success_at"),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.email, t.client] }), index("sign_in_throttles_updated_idx").on(t.updatedAt)],
);
