import { type AnyPgColumn, index, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { orgs, users } from "./foundation";

// Who may sign in through which identity provider (issue 14, items 2 and 3).
//
// - user_identities: an account's bindings to (issuer, subject) pairs. A subject is only unique
//   within its issuer, so the pair is the key; one account holds at most one subject per issuer,
//   so a second subject of the same provider can never sign into an account bound to the first.
// - org_domains: e-mail domains the org's account manager has verified as the org's. A domain
//   belongs to one org at most. When identity_provider_id is set, people of that domain sign in
//   through that provider only (home-realm discovery).
// - org_identity_providers: an org's own OpenID Connect provider. The client secret is sealed
//   with the key-encryption key that wraps the attestation keys (never stored in clear).
// - sso_link_requests: an SSO login whose e-mail matches an existing account that is not yet
//   bound to that identity. It signs nobody in; the browser that did the login holds the token
//   (an httpOnly cookie, stored hashed here) and the account's owner completes the link by
//   proving the password in that same browser.

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();

export const orgIdentityProviders = pgTable(
  "org_identity_providers",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    name: text("name").notNull(),
    issuer: text("issuer").notNull(),
    clientId: text("client_id").notNull(),
    clientSecretSealed: text("client_secret_sealed").notNull(),
    clientSecretKekId: text("client_secret_kek_id").notNull(),
    /** When set, a just-in-time account created by this provider joins the org with this role. */
    jitRole: text("jit_role"),
    createdBy: text("created_by").notNull().references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [index("org_identity_providers_org_idx").on(t.orgId, t.id)],
);

export const orgDomains = pgTable(
  "org_domains",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull().references(() => orgs.id),
    domain: text("domain").notNull(),
    identityProviderId: text("identity_provider_id").references((): AnyPgColumn => orgIdentityProviders.id, { onDelete: "set null" }),
    verifiedBy: text("verified_by").notNull().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("org_domains_domain_key").on(t.domain), index("org_domains_org_idx").on(t.orgId), index("org_domains_idp_idx").on(t.identityProviderId)],
);

export const userIdentities = pgTable(
  "user_identities",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull().references(() => users.id),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    /** "sso" (the provider's own staff IdP), an org_identity_providers id, or "legacy" (migrated). */
    providerId: text("provider_id").notNull(),
    /** The e-mail the provider asserted when the identity was bound (for people reading the log). */
    email: text("email"),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("user_identities_issuer_subject_key").on(t.issuer, t.subject), uniqueIndex("user_identities_user_issuer_key").on(t.userId, t.issuer)],
);

export const ssoLinkRequests = pgTable(
  "sso_link_requests",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    userId: text("user_id").notNull().references(() => users.id),
    providerId: text("provider_id").notNull(),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    email: text("email").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [uniqueIndex("sso_link_requests_token_key").on(t.tokenHash), index("sso_link_requests_user_idx").on(t.userId)],
);
