import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";

// Tables of the console foundation: people, organizations, memberships, tokens, audit.
// Every tenant table carries org_id; children are always loaded by (org_id, id).

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: text("locale").notNull().default("ja"),
    staffRole: text("staff_role"),
    /**
     * Deprecated (issue 14): one global subject cannot say which provider vouched for it. Kept
     * only so the backfill into user_identities can read it; nothing writes it any more.
     */
    oidcSubject: text("oidc_subject"),
    /**
     * When the person proved they read this address's mailbox (a one-time link sent there), or
     * their identity provider vouched for it. An account without it can do nothing and holds no
     * claim on the address: the first proof by mailbox takes the address over (issue 14).
     */
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email), uniqueIndex("users_oidc_subject_key").on(t.oidcSubject)],
);

export const orgs = pgTable(
  "orgs",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    legalNameJa: text("legal_name_ja").notNull(),
    legalNameEn: text("legal_name_en").notNull(),
    corporateNumber: text("corporate_number"),
    billingAddress: jsonb("billing_address").$type<{
      postalCode: string;
      prefecture: string;
      city: string;
      line1: string;
      line2?: string;
    }>(),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("orgs_slug_key").on(t.slug)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    userId: text("user_id").notNull().references(() => users.id),
    role: text("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("memberships_org_user_key").on(t.orgId, t.userId), index("memberships_user_idx").on(t.userId)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    email: text("email").notNull(),
    role: text("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    /** The invitee said no; an invitation is answered once. */
    declinedAt: timestamp("declined_at", { withTimezone: true, mode: "date" }),
    /** Who accepted or declined it (always the invited address's own, proven account). */
    answeredBy: text("answered_by").references(() => users.id),
  },
  (t) => [
    index("invitations_org_idx").on(t.orgId, t.id),
    index("invitations_email_idx").on(t.email),
    uniqueIndex("invitations_token_key").on(t.tokenHash),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    createdBy: text("created_by").notNull().references(() => users.id),
    name: text("name").notNull(),
    role: text("role").notNull(),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
    /** The token that made this one (null when a person did): revoking it revokes this one too. */
    parentTokenId: text("parent_token_id").references((): AnyPgColumn => apiTokens.id),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.secretHash), index("api_tokens_org_idx").on(t.orgId, t.id), index("api_tokens_parent_idx").on(t.parentTokenId)],
);

export const auditEvents = pgTable(
  "audit_events",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id"),
    actorType: text("actor_type").notNull(),
    actorId: text("actor_id"),
    actorName: text("actor_name"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    requestId: text("request_id"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_events_org_idx").on(t.orgId, t.id), index("audit_events_org_action_idx").on(t.orgId, t.action)],
);

export const idempotencyRecords = pgTable(
  "idempotency_records",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status").notNull(),
    body: jsonb("body"),
    headers: jsonb("headers").$type<Record<string, string>>(),
    /** While status is 0: the process working on the request, and until when its claim holds. */
    holder: text("holder"),
    leaseUntil: timestamp("lease_until", { withTimezone: true, mode: "date" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idempotency_records_created_idx").on(t.createdAt)],
);

export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    ip: text("ip"),
    succeeded: boolean("succeeded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.email, t.createdAt)],
);

export const staffAssignments = pgTable(
  "staff_assignments",
  {
    orgId: text("org_id").notNull().references(() => orgs.id),
    staffUserId: text("staff_user_id").notNull().references(() => users.id),
    assignedBy: text("assigned_by"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.staffUserId] }), index("staff_assignments_user_idx").on(t.staffUserId)],
);

export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().default(sql`now()`),
});
