import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { signInWithOidc } from "@/lib/auth/sign-in-oidc";
import { signInWithPassword } from "@/lib/auth/sign-in-password";
import { orgWithRoles, principalOf } from "../testing/fixtures";
import { createIdentityProvider } from "../sso/create-identity-provider";
import { verifyOrgDomain } from "../sso/verify-org-domain";
import { orgProviderContext, staffOf, useTestKek } from "../sso/testing";
import { listMembers } from "../members/list-members";
import { eq } from "drizzle-orm";
import { outboundEmails } from "@/lib/db/schema";
import { acceptInvitation } from "./accept-invitation";
import { createAccountFromInvitation } from "./create-account-from-invitation";
import { createInvitation } from "./create-invitation";
import { listInvitations } from "./list-invitations";
import { listMyInvitations } from "./list-my-invitations";
import { previewInvitation } from "./preview-invitation";
import { revokeInvitation } from "./revoke-invitation";

/** The token of the newest invitation link mailed to this address. */
async function mailedToken(handle: DbHandle, address: string): Promise<string> {
  const mails = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, address)).orderBy(outboundEmails.id);
  const match = mails.at(-1)?.body?.match(/\/invite\/(hkinv_[A-Za-z0-9_-]+)/);
  if (!match) throw new Error(`no invitation mailed to ${address}`);
  return match[1];
}

describe("invitations and sign-in", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
  });
  afterAll(async () => handle.close());

  it("turns the mailed link into a proven account, then a membership once the person accepts", async () => {
    const invitation = await createInvitation(acme.as.admin, "acme", { email: "New.Person@Example.com", role: "developer" });
    expect(invitation.email).toBe("new.person@example.com");
    const token = await mailedToken(handle, "new.person@example.com");
    expect(await previewInvitation(token)).toMatchObject({
      id: invitation.id,
      org: { legalNameJa: "acme株式会社", legalNameEn: "acme K.K.", corporateNumber: null },
      invitedBy: { name: "admin", email: "admin@acme.example" },
      role: "developer",
      status: "pending",
      hasAccount: false,
    });
    await createAccountFromInvitation(token, { name: "新人", password: "long-enough-password" }, null);
    expect((await previewInvitation(token))?.hasAccount).toBe(true);
    // The link made the account once; a second use is refused.
    await expect(createAccountFromInvitation(token, { name: "again", password: "long-enough-password" }, null)).rejects.toMatchObject({ code: "already_exists" });
    const signedIn = await signInWithPassword(handle.db, "NEW.person@example.com", "long-enough-password", null);
    expect(signedIn.ok).toBe(true);
    const person = await principalOf(handle.db, signedIn.ok ? signedIn.user.id : "");
    expect((await listMembers(acme.as.viewer, "acme")).items.find((m) => m.email === "new.person@example.com")).toBeUndefined();
    await acceptInvitation(person, invitation.id);
    const members = (await listMembers(acme.as.viewer, "acme")).items;
    expect(members.find((m) => m.email === "new.person@example.com")?.role).toBe("developer");
    expect((await previewInvitation(token))?.status).toBe("accepted");
    await expect(acceptInvitation(person, invitation.id)).rejects.toMatchObject({ code: "business_rule" });
  });

  it("an SSO sign-in makes a proven account (the org's provider vouched for the address) that joins only by accepting", async () => {
    useTestKek();
    const admin = await staffOf(handle.db, "admin@hinoki.example", "platform_admin");
    await verifyOrgDomain(admin.principal, "acme", { domain: "sso.acme.example" });
    const idp = await createIdentityProvider(acme.as.owner, "acme", { name: "Acme IdP", issuer: "https://login.acme.example", clientId: "console", clientSecret: "secret", domains: ["sso.acme.example"] });
    const provider = await orgProviderContext(handle.db, idp.id);
    const invitation = await createInvitation(acme.as.owner, "acme", { email: "sso.user@sso.acme.example", role: "viewer" });
    const result = await signInWithOidc(handle.db, provider, { sub: "idp|42", email: "sso.user@sso.acme.example", emailVerified: true, name: "SSO User" }, null);
    expect(result.outcome).toBe("signed_in");
    let principal = await principalOf(handle.db, result.outcome === "signed_in" ? result.user.id : "");
    expect(principal.memberships).toEqual([]);
    expect((await listMyInvitations(principal)).items.map((i) => i.id)).toEqual([invitation.id]);
    await acceptInvitation(principal, invitation.id);
    principal = await principalOf(handle.db, principal.userId);
    expect(principal.memberships).toEqual([expect.objectContaining({ orgSlug: "acme", role: "viewer" })]);
    // The same subject signs in again to the same account.
    const again = await signInWithOidc(handle.db, provider, { sub: "idp|42", email: "sso.user@sso.acme.example", emailVerified: true }, null);
    expect(again.outcome === "signed_in" && again.user.id).toBe(principal.userId);
    // An unverified e-mail is refused.
    expect((await signInWithOidc(handle.db, provider, { sub: "idp|43", email: "x@sso.acme.example", emailVerified: false }, null)).outcome).toBe("refused");
  });

  it("never invites with more rights than the inviter, and a revoked link is dead", async () => {
    await expect(createInvitation(acme.as.admin, "acme", { email: "boss@example.com", role: "owner" })).rejects.toMatchObject({ code: "role_too_high" });
    await expect(createInvitation(acme.as.viewer, "acme", { email: "v@example.com", role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    const invitation = await createInvitation(acme.as.owner, "acme", { email: "gone@example.com", role: "viewer" });
    await revokeInvitation(acme.as.owner, "acme", invitation.id);
    expect((await previewInvitation(await mailedToken(handle, "gone@example.com")))?.status).toBe("revoked");
    expect((await listInvitations(acme.as.owner, "acme")).items.find((i) => i.id === invitation.id)?.status).toBe("revoked");
  });

  it("sends one address at most five invitations a day from one org (no mail cannon in the org's name)", async () => {
    for (let i = 0; i < 5; i++) await createInvitation(acme.as.owner, "acme", { email: "spam.target@example.com", role: "viewer" });
    await expect(createInvitation(acme.as.owner, "acme", { email: "spam.target@example.com", role: "viewer" })).rejects.toMatchObject({ code: "rate_limited" });
    const mails = await handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, "spam.target@example.com"));
    expect(mails).toHaveLength(5);
  });
});
