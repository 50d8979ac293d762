import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./foundation";

// The second factor (TOTP, RFC 6238) and one-time recovery codes of password accounts, and each
// org's sign-in policy. The TOTP secret is sealed with the key-encryption key (AES-256-GCM, bound
// to the user id), so a database dump alone cannot mint codes; recovery codes are stored hashed.

export const userTotp = pgTable("user_totp", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id),
  /** The base32 secret, sealed (lib/attestation/sealed-secret), with the KEK fingerprint it was sealed under. */
  secretSealed: text("secret_sealed").notNull(),
  kekId: text("kek_id").notNull(),
  /** Null while setup awaits its first code: a pending secret signs nobody in. */
  enabledAt: timestamp("enabled_at", { withTimezone: true, mode: "date" }),
  /** The last RFC 6238 time step accepted: a code of this step or an older one is a replay. */
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  /** Throttle of code guesses: failures since the last success, and when the next guess is allowed. */
  failedAttempts: integer("failed_attempts").notNull().default(0),
  nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "date" }),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});

export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("user_recovery_codes_hash_key").on(t.userId, t.codeHash), index("user_recovery_codes_user_idx").on(t.userId)],
);

/** "mfa": members sign in with a second factor (or SSO); "sso": through single sign-on. No row: none. */
export const orgSignInPolicies = pgTable("org_sign_in_policies", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => orgs.id),
  requirement: text("requirement").notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
});
