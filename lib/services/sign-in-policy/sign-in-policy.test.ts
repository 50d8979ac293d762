import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents } from "@/lib/db/schema";
import { principalForToken } from "@/lib/auth/load-principal";
import { POLICY_WOULD_LOCK_OUT } from "@/lib/domain/sign-in-policy";
import { createApiToken } from "../api-tokens/create-api-token";
import { listMembers } from "../members/list-members";
import { listStaffAccounts } from "../staff/list-accounts";
import { getStaffAccount } from "../staff/get-account";
import { getOrgShell } from "../session/get-org-shell";
import { hashPassword } from "@/lib/auth/password";
import { addMember, createOrg, createUser, orgWithRoles, principalOf, testContext } from "../testing/fixtures";
import { getSignInPolicy } from "./get-sign-in-policy";
import { getOrgSignInRequirement } from "./get-org-sign-in-requirement";
import { updateSignInPolicy } from "./update-sign-in-policy";

// An org's sign-in policy: set by the owner alone (audited), enforced on every org access by how
// the member's session signed in, never on API tokens; provider staff are held to their own rule.

describe("org sign-in policy", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    await orgWithRoles(handle.db, "other");
  });
  afterAll(async () => handle.close());

  const withAmr = (userId: string, amr: ("pwd" | "otp" | "sso")[]) => principalOf(handle.db, userId, amr);

  it("is none until the owner sets it, and every member can read it", async () => {
    expect(await getSignInPolicy(acme.as.viewer, "acme")).toEqual({ requirement: "none", updatedAt: null, updatedBy: null, membersWithoutMfa: 0 });
  });

  it("is the owner's alone, from a session that meets it, never from a token", async () => {
    const adminOtp = await withAmr(acme.userIds.admin, ["pwd", "otp"]);
    await expect(updateSignInPolicy(adminOtp, "acme", { requirement: "mfa" })).rejects.toMatchObject({ code: "forbidden", details: { permission: "sign_in_policy.write" } });
    await expect(updateSignInPolicy(acme.as.owner, "acme", { requirement: "bogus" as never })).rejects.toMatchObject({ name: "ZodError" });
    // The owner signed in with a password only would lock themselves out: refused, nothing changes.
    await expect(updateSignInPolicy(acme.as.owner, "acme", { requirement: "mfa" })).rejects.toMatchObject({
      code: "business_rule",
      details: { reason: POLICY_WOULD_LOCK_OUT },
    });
    const token = await createApiToken(acme.as.owner, "acme", { name: "automation", role: "owner", expiresInDays: 1 });
    const tokenPrincipal = (await principalForToken(handle.db, token.secret, testContext))!;
    await expect(updateSignInPolicy(tokenPrincipal, "acme", { requirement: "none" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getSignInPolicy(acme.as.viewer, "acme")).requirement).toBe("none");
  });

  it("requires MFA: password-only sessions of members are stopped (403 naming it), second-factor and SSO sessions and tokens are not", async () => {
    const token = await createApiToken(acme.as.developer, "acme", { name: "ci", role: "developer", expiresInDays: 1 });
    const ownerOtp = await withAmr(acme.userIds.owner, ["pwd", "otp"]);
    const policy = await updateSignInPolicy(ownerOtp, "acme", { requirement: "mfa" });
    expect(policy).toMatchObject({ requirement: "mfa", updatedBy: acme.userIds.owner });
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "sign_in_policy.update")));
    expect(audit).toMatchObject({ actorId: acme.userIds.owner, data: { from: "none", to: "mfa" } });

    // A developer signed in with a password only reaches nothing of the org: pages (the shell) and services.
    const devPwd = await withAmr(acme.userIds.developer, ["pwd"]);
    await expect(listMembers(devPwd, "acme")).rejects.toMatchObject({ code: "org_requires_mfa", status: 403, details: { org: "acme", requirement: "mfa" } });
    await expect(getOrgShell(devPwd, "acme")).rejects.toMatchObject({ code: "org_requires_mfa" });
    await expect(getSignInPolicy(devPwd, "acme")).rejects.toMatchObject({ code: "org_requires_mfa" });
    // The page that explains it answers them.
    expect(await getOrgSignInRequirement(devPwd, "acme")).toEqual({ org: { slug: "acme", name: "acme株式会社" }, requirement: "mfa", met: false, mfaEnabled: false });
    // With a second factor, or through single sign-on, they are in.
    expect((await listMembers(await withAmr(acme.userIds.developer, ["pwd", "otp"]), "acme")).items).toHaveLength(5);
    expect((await listMembers(await withAmr(acme.userIds.developer, ["sso"]), "acme")).items).toHaveLength(5);
    // An API token is not a person: it keeps working.
    const tokenPrincipal = (await principalForToken(handle.db, token.secret, testContext))!;
    expect((await listMembers(tokenPrincipal, "acme")).items).toHaveLength(5);
    // Someone outside the org still gets the 404 — the policy is not disclosed to strangers.
    const stranger = await principalOf(handle.db, (await createUser(handle.db, "stranger@else.example")));
    await expect(listMembers(stranger, "acme")).rejects.toMatchObject({ code: "not_found" });
    await expect(getOrgSignInRequirement(stranger, "acme")).rejects.toMatchObject({ code: "not_found" });
    // Another org without a policy is unaffected for its own members.
    const otherOwner = await principalOf(handle.db, (await createUser(handle.db, "x@other.example")));
    await expect(listMembers(otherOwner, "other")).rejects.toMatchObject({ code: "not_found" });
  });

  it("requires SSO: only single sign-on sessions of members get in; tokens still work", async () => {
    const ownerSso = await withAmr(acme.userIds.owner, ["sso"]);
    const ownerOtp = await withAmr(acme.userIds.owner, ["pwd", "otp"]);
    // An owner on a password + code session cannot require SSO (it would shut them out).
    await expect(updateSignInPolicy(ownerOtp, "acme", { requirement: "sso" })).rejects.toMatchObject({ details: { reason: POLICY_WOULD_LOCK_OUT } });
    await updateSignInPolicy(ownerSso, "acme", { requirement: "sso" });
    await expect(listMembers(await withAmr(acme.userIds.viewer, ["pwd", "otp"]), "acme")).rejects.toMatchObject({ code: "org_requires_sso", details: { requirement: "sso" } });
    expect((await listMembers(await withAmr(acme.userIds.viewer, ["sso"]), "acme")).items).toHaveLength(5);
    const token = await createApiToken(ownerSso, "acme", { name: "deploy", role: "viewer", expiresInDays: 1 });
    expect((await listMembers((await principalForToken(handle.db, token.secret, testContext))!, "acme")).items).toHaveLength(5);
    // A session without any recorded method (issued before amr existed) proves nothing.
    await expect(listMembers(await withAmr(acme.userIds.viewer, []), "acme")).rejects.toMatchObject({ code: "org_requires_sso" });
    await updateSignInPolicy(ownerSso, "acme", { requirement: "none" });
    expect((await listMembers(acme.as.viewer, "acme")).items).toHaveLength(5);
  });

  it("holds provider staff to their own rule: nothing without a second factor; with one, customer orgs as before", async () => {
    const adminId = await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" });
    const adminPwd = await principalOf(handle.db, adminId, ["pwd"]);
    await expect(listStaffAccounts(adminPwd)).rejects.toMatchObject({ code: "staff_mfa_required", status: 403 });
    await expect(getStaffAccount(adminPwd, "acme")).rejects.toMatchObject({ code: "staff_mfa_required" });
    await expect(listMembers(adminPwd, "acme")).rejects.toMatchObject({ code: "staff_mfa_required" });
    // Even an org that does not exist answers the same: nothing is learnt on a weak session.
    await expect(listMembers(adminPwd, "no-such-org")).rejects.toMatchObject({ code: "staff_mfa_required" });

    const adminOtp = await principalOf(handle.db, adminId, ["pwd", "otp"]);
    expect((await listStaffAccounts(adminOtp)).items.map((a) => a.slug)).toContain("acme");
    // Staff look in as staff (audited as such in the customer's log); an org's "SSO required" is
    // for its members — staff never sign in through a customer's identity provider.
    await updateSignInPolicy(await withAmr(acme.userIds.owner, ["sso"]), "acme", { requirement: "sso" });
    expect((await listMembers(adminOtp, "acme")).items).toHaveLength(5);
    await updateSignInPolicy(await withAmr(acme.userIds.owner, ["sso"]), "acme", { requirement: "none" });
  });

  it("counts the members an MFA policy would stop today", async () => {
    const orgId = await createOrg(handle.db, "count-org");
    const hash = await hashPassword("a long enough password");
    for (const email of ["p1@count.example", "p2@count.example"]) await addMember(handle.db, orgId, await createUser(handle.db, email, { passwordHash: hash }), "developer");
    const ownerId = await createUser(handle.db, "owner@count.example");
    await addMember(handle.db, orgId, ownerId, "owner");
    expect((await getSignInPolicy(await principalOf(handle.db, ownerId), "count-org")).membersWithoutMfa).toBe(2);
  });
});
