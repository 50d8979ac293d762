import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/lib/db/client";
import { memberships, userIdentities, users } from "@/lib/db/schema";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { newId } from "@/lib/domain/ids";
import type { OrgRole } from "@/lib/domain/permissions";
import { emailDomainOf } from "@/lib/domain/sso";
import { afterSignIn } from "./sign-in";
import { createLinkRequest, isUniqueViolation } from "./sso-link";

// Who an OpenID Connect login may sign in as (issue 14, items 2 and 3). The rules, in order:
//
// 1. The provider must assert `email_verified: true` — missing or anything else is a refusal.
// 2. An org's provider may only assert addresses in the verified domains bound to it; a login
//    at org A's provider claiming org B's domain (or any other) is refused.
// 3. An account is found by its (issuer, subject) binding, never by e-mail. One account holds
//    one subject per issuer, so another subject of the same provider never gets into it.
// 4. An e-mail that matches an existing account not bound to this identity signs nobody in: it
//    starts a link that the account's owner completes by proving the password (sso-link.ts).
// 5. Staff accounts never sign in through a customer's provider. The global provider
//    (HINOKI_OIDC_*) is the platform's own staff IdP: it signs in staff accounts only and
//    creates none (staff accounts are provisioned by the platform).
// 6. An org provider creates an account just in time for an unknown address in its domains —
//    the verified domain and the org's provider vouch for the mailbox — with no membership,
//    unless the org's owner set a default role on the provider (then it is granted, audited).

/** The identity subjects were stored under before (issuer, subject) pairs: the global provider's. */
export const LEGACY_GLOBAL_ISSUER = "urn:hinoki:legacy-global-oidc";

export type OidcProviderContext =
  | { kind: "staff"; providerId: string; issuer: string }
  | { kind: "org"; providerId: string; issuer: string; orgId: string; domains: string[]; jitRole: OrgRole | null };

export interface OidcAssertion {
  sub: string;
  email?: string | null;
  /** The raw claim: only the boolean `true` passes. */
  emailVerified?: unknown;
  name?: string | null;
}

export type OidcRefusal =
  | "email_missing"
  | "email_not_verified"
  | "domain_not_allowed"
  | "staff_not_allowed"
  | "staff_only"
  | "subject_mismatch"
  | "cannot_link";

export type OidcSignInResult =
  | { outcome: "signed_in"; user: { id: string; email: string; name: string }; created: boolean }
  | { outcome: "link_required"; linkToken: string; expiresAt: Date }
  | { outcome: "refused"; reason: OidcRefusal };

type UserRow = typeof users.$inferSelect;

function auditOrg(provider: OidcProviderContext): string | null {
  return provider.kind === "org" ? provider.orgId : null;
}

async function refuse(db: DbOrTx, provider: OidcProviderContext, assertion: OidcAssertion, reason: OidcRefusal, ip: string | null): Promise<OidcSignInResult> {
  // Refusals are written to the log of whoever runs the provider: the org for its own IdP, the
  // platform (no org) for the staff IdP — so a probing attempt is visible to the right people.
  await insertAuditEvent(db, {
    orgId: auditOrg(provider),
    actorType: "system",
    actorId: null,
    actorName: assertion.email ?? assertion.sub,
    action: "sso.sign_in_refused",
    targetType: "identity_provider",
    targetId: provider.providerId,
    data: { reason, issuer: provider.issuer, subject: assertion.sub, assertedEmail: assertion.email ?? null },
    ip,
  });
  return { outcome: "refused", reason };
}

function inDomains(email: string, domains: string[]): boolean {
  const domain = emailDomainOf(email);
  return domain !== null && domains.includes(domain);
}

async function identityOwner(db: DbOrTx, issuer: string, subject: string): Promise<{ identityId: string; user: UserRow } | null> {
  const [row] = await db
    .select({ identityId: userIdentities.id, user: users })
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject)))
    .limit(1);
  return row ?? null;
}

/** A subject migrated from the old users.oidc_subject column came from the global provider. */
async function adoptLegacySubject(db: DbOrTx, provider: OidcProviderContext, subject: string, ip: string | null): Promise<{ identityId: string; user: UserRow } | null> {
  if (provider.kind !== "staff") return null;
  const legacy = await identityOwner(db, LEGACY_GLOBAL_ISSUER, subject);
  if (!legacy) return null;
  await db.update(userIdentities).set({ issuer: provider.issuer, providerId: provider.providerId }).where(eq(userIdentities.id, legacy.identityId));
  await insertAuditEvent(db, {
    orgId: null,
    actorType: "system",
    actorId: null,
    actorName: legacy.user.email,
    action: "user.identity_migrate",
    targetType: "user",
    targetId: legacy.user.id,
    data: { issuer: provider.issuer, subject },
    ip,
  });
  return legacy;
}

async function signedIn(db: Db, identityId: string, user: UserRow, ip: string | null, created: boolean): Promise<OidcSignInResult> {
  await db.update(userIdentities).set({ lastUsedAt: new Date() }).where(eq(userIdentities.id, identityId));
  await afterSignIn(db, user.id, user.email, ip);
  return { outcome: "signed_in", user: { id: user.id, email: user.email, name: user.name }, created };
}

async function createJitAccount(db: Db, provider: Extract<OidcProviderContext, { kind: "org" }>, assertion: OidcAssertion, email: string, ip: string | null) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      // The org's IdP, for a domain its account manager verified, vouches for the mailbox.
      .values({ id: newId("user"), email, name: assertion.name?.trim().slice(0, 200) || email, emailVerifiedAt: new Date() })
      .returning();
    const identityId = newId("userIdentity");
    await tx.insert(userIdentities).values({ id: identityId, userId: user.id, issuer: provider.issuer, subject: assertion.sub, providerId: provider.providerId, email, lastUsedAt: new Date() });
    const actor = { actorType: "user" as const, actorId: user.id, actorName: `${user.name} <${user.email}>`, ip };
    await insertAuditEvent(tx, {
      orgId: provider.orgId,
      ...actor,
      action: "user.create_sso",
      targetType: "user",
      targetId: user.id,
      data: { issuer: provider.issuer, subject: assertion.sub, providerId: provider.providerId },
    });
    if (provider.jitRole) {
      await tx.insert(memberships).values({ id: newId("membership"), orgId: provider.orgId, userId: user.id, role: provider.jitRole });
      await insertAuditEvent(tx, {
        orgId: provider.orgId,
        ...actor,
        action: "member.join",
        targetType: "user",
        targetId: user.id,
        data: { role: provider.jitRole, via: "sso_default_role", providerId: provider.providerId },
      });
    }
    return { user, identityId };
  });
}

export async function signInWithOidc(db: Db, provider: OidcProviderContext, assertion: OidcAssertion, ip: string | null, retried = false): Promise<OidcSignInResult> {
  const email = assertion.email?.trim().toLowerCase();
  if (!email || email.length > 254 || !emailDomainOf(email)) return refuse(db, provider, assertion, "email_missing", ip);
  if (assertion.emailVerified !== true) return refuse(db, provider, assertion, "email_not_verified", ip);
  if (provider.kind === "org" && !inDomains(email, provider.domains)) return refuse(db, provider, assertion, "domain_not_allowed", ip);

  const bound = (await identityOwner(db, provider.issuer, assertion.sub)) ?? (await adoptLegacySubject(db, provider, assertion.sub, ip));
  if (bound) {
    if (provider.kind === "org") {
      if (bound.user.staffRole) return refuse(db, provider, assertion, "staff_not_allowed", ip);
      // The account itself must still belong to the provider's domains (a domain can be moved).
      if (!inDomains(bound.user.email, provider.domains)) return refuse(db, provider, assertion, "domain_not_allowed", ip);
    } else if (!bound.user.staffRole) {
      return refuse(db, provider, assertion, "staff_only", ip);
    }
    return signedIn(db, bound.identityId, bound.user, ip, false);
  }

  const [byEmail] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (byEmail) {
    if (provider.kind === "org" && byEmail.staffRole) return refuse(db, provider, assertion, "staff_not_allowed", ip);
    if (provider.kind === "staff" && !byEmail.staffRole) return refuse(db, provider, assertion, "staff_only", ip);
    const [sameIssuer] = await db
      .select({ id: userIdentities.id })
      .from(userIdentities)
      .where(and(eq(userIdentities.userId, byEmail.id), eq(userIdentities.issuer, provider.issuer)))
      .limit(1);
    if (sameIssuer) return refuse(db, provider, assertion, "subject_mismatch", ip);
    // Without a password there is nothing its owner could prove, and an account that never
    // proved its address has no owner to ask: an administrator must act.
    if (!byEmail.passwordHash || !byEmail.emailVerifiedAt) return refuse(db, provider, assertion, "cannot_link", ip);
    const link = await createLinkRequest(db, byEmail.id, { providerId: provider.providerId, issuer: provider.issuer, subject: assertion.sub, email });
    return { outcome: "link_required", linkToken: link.token, expiresAt: link.expiresAt };
  }

  if (provider.kind === "staff") return refuse(db, provider, assertion, "staff_only", ip);
  try {
    const { user, identityId } = await createJitAccount(db, provider, assertion, email, ip);
    return signedIn(db, identityId, user, ip, true);
  } catch (error) {
    // Two first logins of one person at once: the loser finds what the winner created.
    if (isUniqueViolation(error) && !retried) return signInWithOidc(db, provider, assertion, ip, true);
    throw error;
  }
}
