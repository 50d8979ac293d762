import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { signInWithOidc } from "@/lib/auth/sign-in";
import { signInWithPassword } from "@/lib/auth/sign-in-password";
import { orgWithRoles, principalOf } from "../testing/fixtures";
import { listMembers } from "../members/list-members";
import { acceptInvitationWithNewAccount, previewInvitation } from "./accept-invitation";
import { createInvitation } from "./create-invitation";
import { listInvitations } from "./list-invitations";
import { revokeInvitation } from "./revoke-invitation";

const tokenOf = (url: string) => url.replace("/invite/", "");

describe("invitations and sign-in", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
  });
  afterAll(async () => handle.close());

  it("turns an invitation link into an account and a membership, once", async () => {
    const invitation = await createInvitation(acme.as.admin, "acme", { email: "New.Person@Example.com", role: "developer" });
    expect(invitation.email).toBe("new.person@example.com");
    const token = tokenOf(invitation.acceptUrl);
    expect(await previewInvitation(token)).toMatchObject({ orgName: "acme株式会社", role: "developer", status: "pending", hasAccount: false });
    await acceptInvitationWithNewAccount(token, { name: "新人", password: "long-enough-password" }, null);
    const members = await listMembers(acme.as.viewer, "acme");
    expect(members.find((m) => m.email === "new.person@example.com")?.role).toBe("developer");
    expect((await previewInvitation(token))?.status).toBe("accepted");
    await expect(acceptInvitationWithNewAccount(token, { name: "again", password: "long-enough-password" }, null)).rejects.toMatchObject({ code: "not_found" });
    const signedIn = await signInWithPassword(handle.db, "NEW.person@example.com", "long-enough-password", null);
    expect(signedIn.ok).toBe(true);
  });

  it("accepts a pending invitation when the person signs in through SSO (just-in-time account)", async () => {
    await createInvitation(acme.as.owner, "acme", { email: "sso.user@example.com", role: "viewer" });
    const result = await signInWithOidc(handle.db, { sub: "idp|42", email: "sso.user@example.com", emailVerified: true, name: "SSO User" }, null);
    expect(result.ok).toBe(true);
    const principal = await principalOf(handle.db, result.ok ? result.user.id : "");
    expect(principal.memberships).toEqual([expect.objectContaining({ orgSlug: "acme", role: "viewer" })]);
    // The same subject signs in again to the same account.
    const again = await signInWithOidc(handle.db, { sub: "idp|42", email: "sso.user@example.com", emailVerified: true }, null);
    expect(again.ok && again.user.id).toBe(result.ok && result.user.id);
    // An unverified e-mail is refused.
    expect((await signInWithOidc(handle.db, { sub: "idp|43", email: "x@example.com", emailVerified: false }, null)).ok).toBe(false);
  });

  it("never invites with more rights than the inviter, and a revoked link is dead", async () => {
    await expect(createInvitation(acme.as.admin, "acme", { email: "boss@example.com", role: "owner" })).rejects.toMatchObject({ code: "role_too_high" });
    await expect(createInvitation(acme.as.viewer, "acme", { email: "v@example.com", role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    const invitation = await createInvitation(acme.as.owner, "acme", { email: "gone@example.com", role: "viewer" });
    await revokeInvitation(acme.as.owner, "acme", invitation.id);
    expect((await previewInvitation(tokenOf(invitation.acceptUrl)))?.status).toBe("revoked");
    expect((await listInvitations(acme.as.owner, "acme")).find((i) => i.id === invitation.id)?.status).toBe("revoked");
  });
});
