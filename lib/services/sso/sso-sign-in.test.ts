import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents, memberships, userIdentities, users } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { signInWithOidc, type OidcProviderContext } from "@/lib/auth/sign-in-oidc";
import { completeLinkWithPassword, pendingLink } from "@/lib/auth/sso-link";
import { createUser, orgWithRoles, userIdByEmail } from "../testing/fixtures";
import { createIdentityProvider } from "./create-identity-provider";
import { discoverSignInMethod } from "./discover-sign-in-method";
import { removeOrgDomain } from "./remove-org-domain";
import { updateIdentityProvider } from "./update-identity-provider";
import { verifyOrgDomain } from "./verify-org-domain";
import { orgProviderContext, PASSWORD, STAFF_IDP, staffOf, useTestKek } from "./testing";

// Issue 14, items 2 and 3: who an OpenID Connect login may sign in as. Each rule is tried from
// the attacker's side: an unverified e-mail, another subject, a staff address, another org's
// domain, an account found by e-mail only.

const verified = (sub: string, email: string, name?: string) => ({ sub, email, emailVerified: true, name });

describe("OpenID Connect sign-in", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let beta: Awaited<ReturnType<typeof orgWithRoles>>;
  let admin: Awaited<ReturnType<typeof staffOf>>;
  let acmeIdp: OidcProviderContext;
  let betaIdpId: string;
  let acmeIdpId: string;

  beforeAll(async () => {
    useTestKek();
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    beta = await orgWithRoles(handle.db, "beta");
    admin = await staffOf(handle.db, "admin@hinoki.example", "platform_admin");
    // The developer of acme has a password account (the others are password-less fixtures).
    await handle.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, acme.userIds.developer));
    for (const [org, domain] of [["acme", "acme.example"], ["beta", "beta.example"]]) await verifyOrgDomain(admin.principal, org, { domain });
    acmeIdpId = (await createIdentityProvider(acme.as.owner, "acme", { name: "Acme Entra ID", issuer: "https://login.acme.example/tenant", clientId: "acme-console", clientSecret: "acme-secret", domains: ["acme.example"] })).id;
    betaIdpId = (await createIdentityProvider(beta.as.owner, "beta", { name: "Beta Okta", issuer: "https://beta.okta.example", clientId: "beta-console", clientSecret: "beta-secret", domains: ["beta.example"] })).id;
    acmeIdp = await orgProviderContext(handle.db, acmeIdpId);
  });
  afterAll(async () => handle.close());

  const refusals = async (orgId: string | null) =>
    handle.db
      .select()
      .from(auditEvents)
      .where(and(orgId === null ? sql`${auditEvents.orgId} is null` : eq(auditEvents.orgId, orgId), eq(auditEvents.action, "sso.sign_in_refused")));

  it("requires email_verified to be exactly true", async () => {
    for (const emailVerified of [undefined, null, "true", 1, false]) {
      const result = await signInWithOidc(handle.db, acmeIdp, { sub: `unverified-${String(emailVerified)}`, email: "new.person@acme.example", emailVerified }, null);
      expect(result).toEqual({ outcome: "refused", reason: "email_not_verified" });
    }
    expect(await userIdByEmail(handle.db, "new.person@acme.example")).toBeUndefined();
    expect((await signInWithOidc(handle.db, acmeIdp, { sub: "no-mail", email: null, emailVerified: true }, null)).outcome).toBe("refused");
  });

  it("creates an account just in time for a new person of the org's domain, with no membership", async () => {
    const result = await signInWithOidc(handle.db, acmeIdp, verified("acme|1001", "Hanako.Sato@ACME.example", "佐藤 花子"), "10.0.0.1");
    expect(result).toMatchObject({ outcome: "signed_in", created: true, user: { email: "hanako.sato@acme.example", name: "佐藤 花子" } });
    const userId = result.outcome === "signed_in" ? result.user.id : "";
    expect(await handle.db.select().from(memberships).where(eq(memberships.userId, userId))).toEqual([]);
    const [created] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "user.create_sso"), eq(auditEvents.targetId, userId)));
    expect(created.data).toMatchObject({ issuer: "https://login.acme.example/tenant", subject: "acme|1001" });
    // The same subject signs in again to the same account.
    expect(await signInWithOidc(handle.db, acmeIdp, verified("acme|1001", "hanako.sato@acme.example"), null)).toMatchObject({ outcome: "signed_in", created: false, user: { id: userId } });
  });

  it("refuses a login at one org's provider that asserts another org's domain, or any domain it is not registered for", async () => {
    for (const email of ["owner@beta.example", "someone@gmail.com", "x@acme.example.evil.example"]) {
      expect(await signInWithOidc(handle.db, acmeIdp, verified(`acme|${email}`, email), null)).toEqual({ outcome: "refused", reason: "domain_not_allowed" });
    }
    expect(await userIdByEmail(handle.db, "someone@gmail.com")).toBeUndefined();
    const logged = await refusals(acme.orgId);
    expect(logged.map((e) => e.data)).toContainEqual(expect.objectContaining({ reason: "domain_not_allowed", assertedEmail: "owner@beta.example" }));
  });

  it("never signs into an existing account by e-mail match: it starts a link its owner must prove with the password", async () => {
    const result = await signInWithOidc(handle.db, acmeIdp, verified("acme|dev", "developer@acme.example"), null);
    expect(result.outcome).toBe("link_required");
    const token = result.outcome === "link_required" ? result.linkToken : "";
    expect(await handle.db.select().from(userIdentities).where(eq(userIdentities.userId, acme.userIds.developer))).toEqual([]);
    expect(await pendingLink(handle.db, token)).toMatchObject({ userId: acme.userIds.developer, issuer: acmeIdp.issuer, subject: "acme|dev" });

    // A wrong password links nothing; a token this browser does not hold proves nothing.
    expect(await completeLinkWithPassword(handle.db, token, "wrong password", null)).toEqual({ ok: false, reason: "invalid" });
    expect(await completeLinkWithPassword(handle.db, "lnk_forged", PASSWORD, null)).toEqual({ ok: false, reason: "expired" });
    expect(await handle.db.select().from(userIdentities).where(eq(userIdentities.userId, acme.userIds.developer))).toEqual([]);

    const linked = await completeLinkWithPassword(handle.db, token, PASSWORD, "10.0.0.2");
    expect(linked).toMatchObject({ ok: true, user: { id: acme.userIds.developer }, issuer: acmeIdp.issuer });
    // Used once.
    expect(await completeLinkWithPassword(handle.db, token, PASSWORD, null)).toEqual({ ok: false, reason: "expired" });
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "user.identity_link")));
    expect(audit).toMatchObject({ actorId: acme.userIds.developer, ip: "10.0.0.2", data: expect.objectContaining({ subject: "acme|dev", proof: "password" }) });

    // From now on the identity signs in; another subject of the same provider never does.
    expect(await signInWithOidc(handle.db, acmeIdp, verified("acme|dev", "developer@acme.example"), null)).toMatchObject({ outcome: "signed_in", user: { id: acme.userIds.developer } });
    expect(await signInWithOidc(handle.db, acmeIdp, verified("acme|impostor", "Developer@acme.example"), null)).toEqual({ outcome: "refused", reason: "subject_mismatch" });
  });

  it("refuses to link an account that has no password to prove", async () => {
    expect(await signInWithOidc(handle.db, acmeIdp, verified("acme|owner", "owner@acme.example"), null)).toEqual({ outcome: "refused", reason: "cannot_link" });
  });

  it("never signs a staff account in through a customer's provider", async () => {
    // An account manager's address cannot be verified for a customer; a staff account that ends
    // up in a customer's domain anyway is still refused.
    await createUser(handle.db, "security@acme.example", { staffRole: "platform_admin", passwordHash: await hashPassword(PASSWORD) });
    expect(await signInWithOidc(handle.db, acmeIdp, verified("acme|sec", "security@acme.example"), null)).toEqual({ outcome: "refused", reason: "staff_not_allowed" });
  });

  describe("the platform's staff provider (HINOKI_OIDC_*)", () => {
    it("does not sign in as the platform admin by e-mail, with any subject or letter case (the issue's reproduction)", async () => {
      for (const [sub, email] of [["admin@hinoki.example", "admin@hinoki.example"], ["Admin@hinoki.example", "Admin@hinoki.example"]]) {
        const result = await signInWithOidc(handle.db, STAFF_IDP, verified(sub, email), null);
        expect(result.outcome).toBe("link_required");
      }
      expect(await handle.db.select().from(userIdentities).where(eq(userIdentities.userId, admin.id))).toEqual([]);
    });

    it("never signs in a customer, by e-mail or just in time", async () => {
      expect(await signInWithOidc(handle.db, STAFF_IDP, verified("owner@acme.example", "owner@acme.example"), null)).toEqual({ outcome: "refused", reason: "staff_only" });
      expect(await signInWithOidc(handle.db, STAFF_IDP, verified("newcomer", "newcomer@sso.example"), null)).toEqual({ outcome: "refused", reason: "staff_only" });
      expect(await userIdByEmail(handle.db, "newcomer@sso.example")).toBeUndefined();
      expect((await refusals(null)).map((e) => e.data)).toContainEqual(expect.objectContaining({ reason: "staff_only", assertedEmail: "owner@acme.example" }));
    });

    it("signs staff in once they linked with their password, and only that subject", async () => {
      const started = await signInWithOidc(handle.db, STAFF_IDP, verified("staff|admin", "admin@hinoki.example"), null);
      const token = started.outcome === "link_required" ? started.linkToken : "";
      expect(await completeLinkWithPassword(handle.db, token, PASSWORD, null)).toMatchObject({ ok: true, user: { id: admin.id } });
      const [audit] = await handle.db.select().from(auditEvents).where(and(sql`${auditEvents.orgId} is null`, eq(auditEvents.action, "user.identity_link")));
      expect(audit.targetId).toBe(admin.id);
      expect(await signInWithOidc(handle.db, STAFF_IDP, verified("staff|admin", "admin@hinoki.example"), null)).toMatchObject({ outcome: "signed_in", user: { id: admin.id } });
      expect(await signInWithOidc(handle.db, STAFF_IDP, verified("Admin@hinoki.example", "Admin@hinoki.example"), null)).toEqual({ outcome: "refused", reason: "subject_mismatch" });
    });

    it("adopts subjects migrated from the old global column for staff, and refuses them for customers", async () => {
      const staffId = await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" });
      await handle.db.update(users).set({ oidcSubject: "legacy-am" }).where(eq(users.id, staffId));
      await handle.db.update(users).set({ oidcSubject: "legacy-viewer" }).where(eq(users.id, beta.userIds.viewer));
      // The hand-written backfill migration, run as the migrator runs it.
      const backfill = readFileSync(path.resolve("lib/db/migrations/0006_sso_identities_backfill.sql"), "utf8");
      await handle.db.execute(sql.raw(backfill));
      await handle.db.execute(sql.raw(backfill)); // idempotent
      expect(await handle.db.select().from(userIdentities).where(eq(userIdentities.subject, "legacy-am"))).toHaveLength(1);

      expect(await signInWithOidc(handle.db, STAFF_IDP, verified("legacy-am", "am@hinoki.example"), null)).toMatchObject({ outcome: "signed_in", user: { id: staffId } });
      const [rebound] = await handle.db.select().from(userIdentities).where(eq(userIdentities.subject, "legacy-am"));
      expect(rebound).toMatchObject({ issuer: STAFF_IDP.issuer, providerId: "sso" });
      expect(await signInWithOidc(handle.db, STAFF_IDP, verified("legacy-viewer", "viewer@beta.example"), null)).toEqual({ outcome: "refused", reason: "staff_only" });
    });
  });

  it("grants the provider's default role to just-in-time accounts only when the owner set one", async () => {
    await updateIdentityProvider(beta.as.owner, "beta", betaIdpId, { jitRole: "viewer" });
    const betaIdp = await orgProviderContext(handle.db, betaIdpId);
    const result = await signInWithOidc(handle.db, betaIdp, verified("beta|77", "new.hire@beta.example"), null);
    const userId = result.outcome === "signed_in" ? result.user.id : "";
    expect(await handle.db.select({ orgId: memberships.orgId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId))).toEqual([{ orgId: beta.orgId, role: "viewer" }]);
    const [joined] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, beta.orgId), eq(auditEvents.action, "member.join"), eq(auditEvents.targetId, userId)));
    expect(joined.data).toMatchObject({ role: "viewer", via: "sso_default_role" });
  });

  it("sends people of a bound domain to their org's provider, everyone else to the password", async () => {
    expect(await discoverSignInMethod({ email: "Anyone@ACME.example" })).toEqual({ method: "sso", providerId: acmeIdpId, providerName: "Acme Entra ID" });
    expect(await discoverSignInMethod({ email: "owner@beta.example" })).toEqual({ method: "sso", providerId: betaIdpId, providerName: "Beta Okta" });
    expect(await discoverSignInMethod({ email: "admin@hinoki.example" })).toEqual({ method: "password" });
    expect(await discoverSignInMethod({ email: "x@sub.acme.example" })).toEqual({ method: "password" });
  });

  it("stops vouching for a domain the account manager withdrew, even for identities it bound", async () => {
    await removeOrgDomain(admin.principal, "acme", "acme.example");
    const after = await orgProviderContext(handle.db, acmeIdpId);
    expect(await signInWithOidc(handle.db, after, verified("acme|1001", "hanako.sato@acme.example"), null)).toEqual({ outcome: "refused", reason: "domain_not_allowed" });
    expect(await discoverSignInMethod({ email: "hanako.sato@acme.example" })).toEqual({ method: "password" });
  });
});
