import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents, orgIdentityProviders } from "@/lib/db/schema";
import { loadOrgProviderForSignIn } from "@/lib/auth/org-identity-providers";
import { orgWithRoles } from "../testing/fixtures";
import { createIdentityProvider } from "./create-identity-provider";
import { deleteIdentityProvider } from "./delete-identity-provider";
import { listIdentityProviders } from "./list-identity-providers";
import { listOrgDomains } from "./list-org-domains";
import { removeOrgDomain } from "./remove-org-domain";
import { updateIdentityProvider } from "./update-identity-provider";
import { verifyOrgDomain } from "./verify-org-domain";
import { staffOf, useTestKek } from "./testing";

// Issue 14, item 3: the account manager verifies an org's domains (staff API), the org's owner
// registers the org's own provider for them (org API). Both sides audited; the secret is
// write-only and sealed at rest.

const SECRET = "s3cr3t-client-secret-value";
const provider = (domains: string[], extra: Record<string, unknown> = {}) => ({ name: "Acme Entra ID", issuer: "https://login.acme.example/v2.0", clientId: "console", clientSecret: SECRET, domains, ...extra });

describe("verified domains and org identity providers", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let beta: Awaited<ReturnType<typeof orgWithRoles>>;
  let manager: Awaited<ReturnType<typeof staffOf>>;
  let otherManager: Awaited<ReturnType<typeof staffOf>>;

  beforeAll(async () => {
    useTestKek();
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    beta = await orgWithRoles(handle.db, "beta");
    manager = await staffOf(handle.db, "am@hinoki.example", "account_manager", [acme.orgId]);
    otherManager = await staffOf(handle.db, "am2@hinoki.example", "account_manager", [beta.orgId]);
  });
  afterAll(async () => handle.close());

  it("lets only the org's account manager (or a platform admin) verify a domain; customers get 404", async () => {
    await expect(verifyOrgDomain(acme.as.owner, "acme", { domain: "acme.example" })).rejects.toMatchObject({ code: "not_found" });
    await expect(verifyOrgDomain(otherManager.principal, "acme", { domain: "acme.example" })).rejects.toMatchObject({ code: "not_found" });
    expect(await verifyOrgDomain(manager.principal, "acme", { domain: " ACME.example " })).toMatchObject({ domain: "acme.example", identityProviderId: null, verifiedBy: manager.id });
    expect((await listOrgDomains(manager.principal, "acme")).items.map((d) => d.domain)).toEqual(["acme.example"]);
    const entries = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "sso.domain.verify"));
    // Once in the customer's own log (as staff), once in the staff log.
    expect(entries.map((e) => [e.orgId, e.actorType])).toEqual(expect.arrayContaining([[acme.orgId, "staff"], [null, "staff"]]));
  });

  it("refuses shared mailbox providers, staff domains, bad names, and a domain another org holds", async () => {
    await expect(verifyOrgDomain(manager.principal, "acme", { domain: "gmail.com" })).rejects.toMatchObject({ code: "business_rule", details: { reason: "shared_mailbox_domain" } });
    await expect(verifyOrgDomain(manager.principal, "acme", { domain: "hinoki.example" })).rejects.toMatchObject({ code: "business_rule", details: { reason: "staff_domain" } });
    await expect(verifyOrgDomain(manager.principal, "acme", { domain: "*.acme.example" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(verifyOrgDomain(otherManager.principal, "beta", { domain: "acme.example" })).rejects.toMatchObject({ code: "already_exists" });
    await verifyOrgDomain(otherManager.principal, "beta", { domain: "beta.example" });
  });

  it("lets the owner only register a provider, and only for domains verified for the org", async () => {
    for (const role of ["admin", "developer", "billing", "viewer"] as const) {
      await expect(createIdentityProvider(acme.as[role], "acme", provider(["acme.example"]))).rejects.toMatchObject({ code: "forbidden" });
      await expect(listIdentityProviders(acme.as[role], "acme")).rejects.toMatchObject({ code: "forbidden" });
    }
    await expect(createIdentityProvider(beta.as.owner, "acme", provider(["acme.example"]))).rejects.toMatchObject({ code: "not_found" });
    await expect(createIdentityProvider(acme.as.owner, "acme", provider(["beta.example"]))).rejects.toMatchObject({ code: "business_rule", details: { reason: "domain_not_verified" } });
    await expect(createIdentityProvider(acme.as.owner, "acme", provider(["unverified.example"]))).rejects.toMatchObject({ details: { reason: "domain_not_verified" } });
    await expect(createIdentityProvider(acme.as.owner, "acme", provider(["acme.example"], { jitRole: "admin" }))).rejects.toMatchObject({ name: "ZodError" });
    expect(await handle.db.select().from(orgIdentityProviders)).toEqual([]);
  });

  it("refuses a plain-http issuer unless local test providers are allowed", async () => {
    const previous = process.env.HINOKI_SSO_ALLOW_HTTP_ISSUERS;
    delete process.env.HINOKI_SSO_ALLOW_HTTP_ISSUERS;
    try {
      await expect(createIdentityProvider(acme.as.owner, "acme", provider(["acme.example"], { issuer: "http://idp.acme.example" }))).rejects.toMatchObject({ details: { reason: "insecure_issuer" } });
    } finally {
      if (previous !== undefined) process.env.HINOKI_SSO_ALLOW_HTTP_ISSUERS = previous;
    }
  });

  it("keeps the client secret write-only: sealed at rest, never shown back, never in the log", async () => {
    const created = await createIdentityProvider(acme.as.owner, "acme", provider(["acme.example"]));
    expect(created).toMatchObject({ domains: ["acme.example"], hasClientSecret: true, jitRole: null, redirectPath: `/api/auth/callback/${created.id}` });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    expect(JSON.stringify(await listIdentityProviders(acme.as.owner, "acme"))).not.toContain(SECRET);
    const [row] = await handle.db.select().from(orgIdentityProviders).where(eq(orgIdentityProviders.id, created.id));
    expect(row.clientSecretSealed).not.toContain(SECRET);
    expect(row.clientSecretSealed).not.toContain(Buffer.from(SECRET).toString("base64url"));
    // Sign-in opens it with the KEK.
    expect((await loadOrgProviderForSignIn(handle.db, created.id))?.clientSecret).toBe(SECRET);
    // A sealed secret copied onto another provider's row does not open there.
    const other = await createIdentityProvider(beta.as.owner, "beta", { ...provider(["beta.example"]), clientSecret: "beta-secret" });
    await handle.db.update(orgIdentityProviders).set({ clientSecretSealed: row.clientSecretSealed }).where(eq(orgIdentityProviders.id, other.id));
    await expect(loadOrgProviderForSignIn(handle.db, other.id)).rejects.toThrow();
    await deleteIdentityProvider(beta.as.owner, "beta", other.id);

    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "sso.provider.create")));
    expect(audit.data).toMatchObject({ issuer: "https://login.acme.example/v2.0", domains: ["acme.example"], jitRole: null });
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it("updates a provider (secret replaced, default role set) with an audit entry that names the changes but not the secret", async () => {
    const [idp] = (await listIdentityProviders(acme.as.owner, "acme")).items;
    await expect(updateIdentityProvider(acme.as.owner, "acme", idp.id, {})).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateIdentityProvider(beta.as.owner, "beta", idp.id, { name: "mine now" })).rejects.toMatchObject({ code: "not_found" });
    await expect(updateIdentityProvider(acme.as.admin, "acme", idp.id, { name: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const updated = await updateIdentityProvider(acme.as.owner, "acme", idp.id, { clientSecret: "rotated-secret", jitRole: "developer" });
    expect(updated.jitRole).toBe("developer");
    expect((await loadOrgProviderForSignIn(handle.db, idp.id))?.clientSecret).toBe("rotated-secret");
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "sso.provider.update")));
    expect(audit.data).toEqual({ changes: { jitRole: { from: null, to: "developer" } }, secretReplaced: true });
    expect(JSON.stringify(audit)).not.toContain("rotated-secret");
  });

  it("serves a domain by one provider at a time, and deleting the provider releases its domains", async () => {
    await verifyOrgDomain(manager.principal, "acme", { domain: "acme-group.example" });
    const [first] = (await listIdentityProviders(acme.as.owner, "acme")).items;
    await expect(createIdentityProvider(acme.as.owner, "acme", provider(["acme.example"]))).rejects.toMatchObject({ details: { reason: "domain_taken" } });
    const second = await createIdentityProvider(acme.as.owner, "acme", { ...provider(["acme-group.example"]), name: "Group IdP" });
    expect(second.domains).toEqual(["acme-group.example"]);
    await expect(updateIdentityProvider(acme.as.owner, "acme", first.id, { domains: ["acme-group.example"] })).rejects.toMatchObject({ details: { reason: "domain_taken" } });
    await deleteIdentityProvider(acme.as.owner, "acme", second.id);
    await expect(deleteIdentityProvider(acme.as.owner, "acme", second.id)).rejects.toMatchObject({ code: "not_found" });
    const list = await listIdentityProviders(acme.as.owner, "acme");
    expect(list.items.map((i) => i.id)).toEqual([first.id]);
    expect(list.verifiedDomains).toEqual([
      expect.objectContaining({ domain: "acme-group.example", identityProviderId: null }),
      expect.objectContaining({ domain: "acme.example", identityProviderId: first.id }),
    ]);
    expect(await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "sso.provider.delete")))).toHaveLength(1);
  });

  it("lets the account manager withdraw a domain (audited on both sides); another org's domain is a 404", async () => {
    await expect(removeOrgDomain(manager.principal, "acme", "beta.example")).rejects.toMatchObject({ code: "not_found" });
    await removeOrgDomain(manager.principal, "acme", "acme.example");
    expect((await listOrgDomains(manager.principal, "acme")).items.map((d) => d.domain)).toEqual(["acme-group.example"]);
    const entries = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "sso.domain.remove"));
    expect(entries.map((e) => e.orgId)).toEqual(expect.arrayContaining([acme.orgId, null]));
    expect(entries.find((e) => e.orgId === acme.orgId)?.data).toMatchObject({ domain: "acme.example" });
  });
});
