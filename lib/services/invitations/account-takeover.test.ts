import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, idempotencyRecords, invitations, memberships, orgs, outboundEmails, users } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { principalForUser } from "@/lib/auth/load-principal";
import { signInWithOidc, type OidcProviderContext } from "@/lib/auth/sign-in-oidc";
import { signInWithPassword } from "@/lib/auth/sign-in-password";
import { newId } from "@/lib/domain/ids";
import { createUser, orgWithRoles, principalOf, testContext } from "../testing/fixtures";
import { listNotifications } from "../notifications/list-notifications";
import { acceptInvitation } from "./accept-invitation";
import { createAccountFromInvitation } from "./create-account-from-invitation";
import { createInvitation } from "./create-invitation";
import { declineInvitation } from "./decline-invitation";
import { listInvitations } from "./list-invitations";
import { listMyInvitations } from "./list-my-invitations";
import { previewInvitation } from "./preview-invitation";
import { createIdentityProvider } from "../sso/create-identity-provider";
import { verifyOrgDomain } from "../sso/verify-org-domain";
import { orgProviderContext, staffOf, useTestKek } from "../sso/testing";

// The account-takeover paths of issue 14, item 1, from the attacker's side. The attacker owns
// another org and can invite anyone; what they must never get is a way to create, claim or
// enter the account of an address whose mailbox they cannot read, or to make anyone a member
// of their org without that person's explicit "yes".

const LINK = /\/invite\/(hkinv_[A-Za-z0-9_-]+)/;

/** What the invitee's mailbox receives: the outbox rows addressed to them. */
async function mailbox(handle: DbHandle, address: string) {
  return handle.db.select().from(outboundEmails).where(eq(outboundEmails.toAddress, address)).orderBy(outboundEmails.id);
}

function linkIn(text: string | null | undefined): string {
  const match = text?.match(LINK);
  if (!match) throw new Error(`no invitation link in: ${text}`);
  return match[1];
}

describe("account takeover through invitations (issue 14, item 1)", () => {
  let handle: DbHandle;
  let motor: Awaited<ReturnType<typeof orgWithRoles>>;
  let evil: Awaited<ReturnType<typeof orgWithRoles>>;
  let motorIdp: OidcProviderContext;
  const victim = "new.hire@hinoki-motor.example";

  beforeAll(async () => {
    useTestKek();
    handle = await createTestDatabase();
    motor = await orgWithRoles(handle.db, "hinoki-motor");
    await handle.db.update(orgs).set({ legalNameJa: "ヒノキ自動車株式会社", legalNameEn: "Hinoki Motor Co., Ltd.", corporateNumber: "5010001067883" }).where(eq(orgs.id, motor.orgId));
    // The attacker's org sorts first and copies the victim's legal name.
    evil = await orgWithRoles(handle.db, "aaa-hinoki");
    await handle.db.update(orgs).set({ legalNameJa: "ヒノキ自動車株式会社", legalNameEn: "Hinoki Motor Co., Ltd." }).where(eq(orgs.id, evil.orgId));
    // ヒノキ自動車 signs its people in through its own identity provider (issue 14, item 3).
    const admin = await staffOf(handle.db, "admin@hinoki.example", "platform_admin");
    await verifyOrgDomain(admin.principal, "hinoki-motor", { domain: "hinoki-motor.example" });
    const idp = await createIdentityProvider(motor.as.owner, "hinoki-motor", { name: "Motor IdP", issuer: "https://login.hinoki-motor.example", clientId: "console", clientSecret: "secret", domains: ["hinoki-motor.example"] });
    motorIdp = await orgProviderContext(handle.db, idp.id);
  });
  afterAll(async () => handle.close());

  it("pre-hijack: the inviting org never holds a link that creates the invitee's account, and the real owner still gets in", async () => {
    // Org B's owner invites the address and gets nothing that creates the account.
    const invitation = await createInvitation(evil.as.owner, "aaa-hinoki", { email: victim, role: "developer" });
    expect(JSON.stringify(invitation)).not.toMatch(/hkinv_/);
    expect(invitation).not.toHaveProperty("acceptUrl");
    expect(JSON.stringify((await listInvitations(evil.as.owner, "aaa-hinoki")).items)).not.toMatch(/hkinv_/);
    const audit = await handle.db.select().from(auditEvents).where(eq(auditEvents.orgId, evil.orgId));
    expect(JSON.stringify(audit)).not.toMatch(/hkinv_/);
    expect(JSON.stringify(await handle.db.select().from(idempotencyRecords))).not.toMatch(/hkinv_/);
    // The token is stored hashed: the invitation row does not carry it.
    const [stored] = await handle.db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(JSON.stringify(stored)).not.toMatch(/hkinv_/);

    // The link went to the invitee's mailbox, and to nobody else.
    const [mail] = await mailbox(handle, victim);
    const attackerLink = linkIn(mail.body); // what only the mailbox owner can read
    const elsewhere = await handle.db.select().from(outboundEmails);
    expect(elsewhere.filter((m) => m.toAddress !== victim && LINK.test(m.body ?? ""))).toEqual([]);

    // Without the mailbox, the attacker cannot create the account: the invitation id or a
    // guessed token are not the link.
    for (const guess of [invitation.id, `hkinv_${"A".repeat(43)}`]) {
      await expect(createAccountFromInvitation(guess, { name: "attacker", password: "attacker-password-1" }, null)).rejects.toMatchObject({ code: "not_found" });
    }
    expect(await handle.db.select().from(users).where(eq(users.email, victim))).toEqual([]);

    // An account for the address that never proved its mailbox (made before this fix, or by any
    // path that skipped the proof) can neither act nor hold memberships.
    const squatterId = newId("user");
    await handle.db.insert(users).values({ id: squatterId, email: victim, name: "attacker", passwordHash: await hashPassword("attacker-password-1") });
    expect(await principalForUser(handle.db, squatterId, testContext)).toBeNull();

    // ヒノキ自動車 invites the same address as admin; the real person reads their mailbox.
    await createInvitation(motor.as.owner, "hinoki-motor", { email: victim, role: "admin" });
    const mails = await mailbox(handle, victim);
    expect(mails).toHaveLength(2);
    const realLink = linkIn(mails[1].body);
    expect(mails[1].body).toContain("ヒノキ自動車株式会社");
    expect(mails[1].body).toContain("5010001067883");

    // The proof by mailbox wins over the never-proven account: no 409, and the account is theirs.
    await createAccountFromInvitation(realLink, { name: "新人 花子", password: "the-real-password-1" }, null);
    // The link made one account; it makes no second one.
    await expect(createAccountFromInvitation(realLink, { name: "x", password: "another-password-1" }, null)).rejects.toMatchObject({ code: "already_exists" });
    expect((await signInWithPassword(handle.db, victim, "attacker-password-1", null)).ok).toBe(false);
    const signedIn = await signInWithPassword(handle.db, victim, "the-real-password-1", null);
    expect(signedIn.ok).toBe(true);
    const realId = signedIn.ok ? signedIn.user.id : "";
    expect(realId).not.toBe(squatterId); // a session minted for the squatter's id opens nothing
    expect(await principalForUser(handle.db, squatterId, testContext)).toBeNull();

    // Creating an account joined nothing; the person sees both invitations, who sent them, and
    // which company (by 法人番号) each really is.
    let me = await principalOf(handle.db, realId);
    expect(me.memberships).toEqual([]);
    const mine = (await listMyInvitations(me)).items;
    expect(mine.map((i) => [i.org.legalNameJa, i.org.corporateNumber, i.role, i.invitedBy.email])).toEqual([
      ["ヒノキ自動車株式会社", null, "developer", "owner@aaa-hinoki.example"],
      ["ヒノキ自動車株式会社", "5010001067883", "admin", "owner@hinoki-motor.example"],
    ]);

    // They accept ヒノキ自動車 (the one with the 法人番号) and decline the copy.
    const real = mine.find((i) => i.org.corporateNumber === "5010001067883")!;
    const copy = mine.find((i) => i.org.corporateNumber === null)!;
    expect(await acceptInvitation(me, real.id)).toEqual({ orgSlug: "hinoki-motor", role: "admin" });
    await declineInvitation(me, copy.id);
    me = await principalOf(handle.db, realId);
    expect(me.memberships).toEqual([expect.objectContaining({ orgSlug: "hinoki-motor", role: "admin" })]);
    expect((await listMyInvitations(me)).items).toEqual([]);

    // The link is spent: it creates no second account and shows nothing any more.
    await expect(createAccountFromInvitation(attackerLink, { name: "x", password: "another-password-1" }, null)).rejects.toMatchObject({ code: "not_found" });
    expect(await previewInvitation(realLink)).toMatchObject({ status: "accepted" });

    // Both sides are in the audit logs, and the inviter hears about the join.
    const joined = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, motor.orgId), eq(auditEvents.action, "member.join")));
    expect(joined).toEqual([expect.objectContaining({ actorId: realId, targetId: realId, data: expect.objectContaining({ role: "admin", invitationId: real.id }) })]);
    const declined = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, evil.orgId), eq(auditEvents.action, "invitation.decline")));
    expect(declined).toEqual([expect.objectContaining({ actorId: realId, targetId: copy.id })]);
    const bell = await listNotifications(motor.as.owner, "hinoki-motor", { limit: 10 });
    expect(bell.items).toEqual([expect.objectContaining({ titleKey: "memberJoined.title", params: expect.objectContaining({ name: "新人 花子", email: victim }) })]);
  });

  it("forced membership: an invitation from any org makes nobody a member until that person accepts it", async () => {
    const person = "engineer@hinoki-motor.example";
    const personId = await createUser(handle.db, person, { passwordHash: await hashPassword("engineer-password-1") });
    await handle.db.insert(memberships).values({ id: newId("membership"), orgId: motor.orgId, userId: personId, role: "developer" });
    const forced = await createInvitation(evil.as.owner, "aaa-hinoki", { email: person, role: "owner" });
    // The invitation mail goes to the person; nothing else happens.
    expect(linkIn((await mailbox(handle, person))[0].body)).toMatch(/^hkinv_/);

    // Signing in, by password or SSO, accepts nothing.
    expect((await signInWithPassword(handle.db, person, "engineer-password-1", null)).ok).toBe(true);
    await signInWithOidc(handle.db, motorIdp, { sub: "idp|engineer", email: person, emailVerified: true }, null);
    let me = await principalOf(handle.db, personId);
    expect(me.memberships.map((m) => m.orgSlug)).toEqual(["hinoki-motor"]);
    expect((await listMyInvitations(me)).items.map((i) => i.id)).toEqual([forced.id]);

    // Nobody else can answer it: not another person, not the inviting org, not an API token.
    const other = await principalOf(handle.db, motor.userIds.viewer);
    await expect(acceptInvitation(other, forced.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptInvitation(evil.as.owner, forced.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptInvitation({ ...me, kind: "api_token", tokenId: "tok_x" }, forced.id)).rejects.toMatchObject({ code: "forbidden" });

    // The person says no; the no is final.
    await declineInvitation(me, forced.id);
    await expect(acceptInvitation(me, forced.id)).rejects.toMatchObject({ code: "business_rule" });
    me = await principalOf(handle.db, personId);
    expect(me.memberships.map((m) => m.orgSlug)).toEqual(["hinoki-motor"]);
    expect((await listInvitations(evil.as.owner, "aaa-hinoki")).items).toEqual(expect.arrayContaining([expect.objectContaining({ id: forced.id, status: "declined" })]));
  });

  it("an invitation link is single-use, dies with revocation and expiry, and is never a sign-in", async () => {
    const address = "late@example.com";
    const first = await createInvitation(motor.as.owner, "hinoki-motor", { email: address, role: "viewer" });
    const firstLink = linkIn((await mailbox(handle, address))[0].body);
    await createInvitation(motor.as.owner, "hinoki-motor", { email: address, role: "developer" }); // replaces the first
    expect((await previewInvitation(firstLink))?.status).toBe("revoked");
    await expect(createAccountFromInvitation(firstLink, { name: "x", password: "long-enough-password" }, null)).rejects.toMatchObject({ code: "not_found" });
    expect((await listInvitations(motor.as.owner, "hinoki-motor")).items.find((i) => i.id === first.id)?.status).toBe("revoked");

    const secondLink = linkIn((await mailbox(handle, address))[1].body);
    await handle.db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.email, address));
    expect((await previewInvitation(secondLink))?.status).toBe("expired");
    await expect(createAccountFromInvitation(secondLink, { name: "x", password: "long-enough-password" }, null)).rejects.toMatchObject({ code: "not_found" });
  });
});
