import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword, MAX_FAILED_ATTEMPTS } from "@/lib/auth/sign-in";
import { createUser, orgWithRoles } from "../testing/fixtures";
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

  it("never invites with more rights than the inviter, and a revoked link is dead", async () => {
    await expect(createInvitation(acme.as.admin, "acme", { email: "boss@example.com", role: "owner" })).rejects.toMatchObject({ code: "role_too_high" });
    await expect(createInvitation(acme.as.viewer, "acme", { email: "v@example.com", role: "viewer" })).rejects.toMatchObject({ code: "forbidden" });
    const invitation = await createInvitation(acme.as.owner, "acme", { email: "gone@example.com", role: "viewer" });
    await revokeInvitation(acme.as.owner, "acme", invitation.id);
    expect((await previewInvitation(tokenOf(invitation.acceptUrl)))?.status).toBe("revoked");
    expect((await listInvitations(acme.as.owner, "acme")).find((i) => i.id === invitation.id)?.status).toBe("revoked");
  });

  it("locks an account after repeated failed passwords, even with the right one", async () => {
    await createUser(handle.db, "target@example.com", { passwordHash: await hashPassword("correct horse battery") });
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      expect(await signInWithPassword(handle.db, "target@example.com", `wrong-${i}`, "10.0.0.1")).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signInWithPassword(handle.db, "target@example.com", "correct horse battery", "10.0.0.1")).toEqual({ ok: false, reason: "locked" });
    const later = new Date(Date.now() + 16 * 60 * 1000);
    expect((await signInWithPassword(handle.db, "target@example.com", "correct horse battery", "10.0.0.1", later)).ok).toBe(true);
  });
});
