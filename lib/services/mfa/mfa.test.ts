import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents, userRecoveryCodes, userTotp, users } from "@/lib/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in-password";
import { FREE_FAILURES, verifySecondFactor } from "@/lib/auth/mfa/second-factor";
import { createApiToken } from "../api-tokens/create-api-token";
import { principalForToken } from "@/lib/auth/load-principal";
import { addMember, createOrg, createUser, principalOf, testContext } from "../testing/fixtures";
import { codeAt, stepStart, useTestKek } from "./testing";
import { getMfaStatus } from "./get-mfa-status";
import { startTotpSetup } from "./start-totp-setup";
import { confirmTotpSetup } from "./confirm-totp-setup";
import { removeTotp } from "./remove-totp";
import { regenerateRecoveryCodes } from "./regenerate-recovery-codes";

// The second factor as a person meets it: set up with an authenticator app (codes computed here
// with the same library an app would use), signed in with, refused on replay, recovered from
// once per code, throttled against guessing, and removed only with fresh proof.

const PASSWORD = "correct horse battery staple";
const T0 = stepStart(new Date("2026-11-22T03:00:00Z"));

async function personWithPassword(handle: DbHandle, email: string) {
  const id = await createUser(handle.db, email, { passwordHash: await hashPassword(PASSWORD) });
  return { id, email, principal: await principalOf(handle.db, id) };
}

async function enrolled(handle: DbHandle, email: string, at = T0) {
  const person = await personWithPassword(handle, email);
  const setup = await startTotpSetup(person.principal);
  const { recoveryCodes } = await confirmTotpSetup(person.principal, { code: codeAt(setup.secret, at) }, at);
  return { ...person, secret: setup.secret, recoveryCodes };
}

describe("TOTP second factor", () => {
  let handle: DbHandle;

  beforeAll(async () => {
    useTestKek();
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("is set up with a code from the app: secret and otpauth URI shown, sealed at rest, ten recovery codes once", async () => {
    const orgId = await createOrg(handle.db, "acme");
    const person = await personWithPassword(handle, "setup@acme.example");
    await addMember(handle.db, orgId, person.id, "developer");
    const setup = await startTotpSetup(person.principal);
    expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.otpauthUri).toBe(`otpauth://totp/Hinoki:setup%40acme.example?issuer=Hinoki&secret=${setup.secret}&algorithm=SHA1&digits=6&period=30`);
    expect(setup.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await getMfaStatus(person.principal)).totp).toEqual({ enabled: false, enabledAt: null, pending: true });

    // At rest the secret is sealed (AES-GCM under the KEK), never the base32 itself.
    const [row] = await handle.db.select().from(userTotp).where(eq(userTotp.userId, person.id));
    expect(row.secretSealed).toMatch(/^A256GCM\.v1\./);
    expect(row.secretSealed).not.toContain(setup.secret);

    // A wrong code does not turn it on; the app's current code does.
    const wrong = String((Number(codeAt(setup.secret, T0)) + 1) % 1_000_000).padStart(6, "0");
    await expect(confirmTotpSetup(person.principal, { code: wrong }, T0)).rejects.toMatchObject({ code: "mfa_code_invalid" });
    const { recoveryCodes } = await confirmTotpSetup(person.principal, { code: codeAt(setup.secret, T0) }, T0);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    const stored = await handle.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, person.id));
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replaceAll("-", ""));

    const status = await getMfaStatus(person.principal);
    expect(status).toMatchObject({ available: true, totp: { enabled: true, pending: false }, recoveryCodesRemaining: 10 });
    // Setting up a second app while one is on is refused: remove first.
    await expect(startTotpSetup(person.principal)).rejects.toMatchObject({ code: "mfa_already_enabled" });
    // The org the person belongs to sees it in its audit log.
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "mfa.totp_enable")));
    expect(audit).toMatchObject({ actorId: person.id, targetId: person.id });
  });

  it("makes sign-in a second step: no session on the password alone, the code completes it, a replay is refused", async () => {
    const person = await enrolled(handle, "signin@acme.example");
    const at = new Date(T0.getTime() + 31_000); // the next step: the setup code's step is spent
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, at)).toEqual({ ok: false, reason: "mfa_required" });
    // The code of the setup step was used to confirm: it cannot sign in (still within the one step
    // of clock drift accepted, so only the replay rule refuses it).
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, at, codeAt(person.secret, T0))).toEqual({ ok: false, reason: "mfa_replayed" });
    // A wrong password never reaches the second step (nor learns that one exists).
    expect(await signInWithPassword(handle.db, person.email, "wrong password", null, at, codeAt(person.secret, at))).toEqual({ ok: false, reason: "invalid" });

    const signedIn = await signInWithPassword(handle.db, person.email, PASSWORD, null, at, codeAt(person.secret, at));
    expect(signedIn).toMatchObject({ ok: true, user: { id: person.id }, amr: ["pwd", "otp"] });
    // The same code again, within its window: refused. So is the previous step's, once a later one is used.
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, new Date(at.getTime() + 5_000), codeAt(person.secret, at))).toEqual({ ok: false, reason: "mfa_replayed" });
    // The next step's code works (one step of clock drift either way is accepted).
    const later = new Date(at.getTime() + 30_000);
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, later, codeAt(person.secret, later))).toMatchObject({ ok: true });
    // A code from far away in time is no code.
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, later, codeAt(person.secret, new Date(later.getTime() + 300_000)))).toEqual({ ok: false, reason: "mfa_invalid" });
    // Password accounts without MFA sign in as before, recorded as password only.
    const plain = await personWithPassword(handle, "plain@acme.example");
    expect(await signInWithPassword(handle.db, plain.email, PASSWORD, null, at)).toMatchObject({ ok: true, amr: ["pwd"] });
  });

  it("accepts each recovery code once, audited with how many are left", async () => {
    const orgId = await createOrg(handle.db, "recovery-org");
    const person = await enrolled(handle, "lost-phone@acme.example");
    await addMember(handle.db, orgId, person.id, "viewer");
    const code = person.recoveryCodes[3];
    const at = new Date(T0.getTime() + 60_000);
    // Typed in lower case with spaces: still the code.
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, at, code.toLowerCase().replaceAll("-", " "))).toMatchObject({ ok: true, amr: ["pwd", "otp"] });
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, at, code)).toEqual({ ok: false, reason: "mfa_invalid" });
    expect((await getMfaStatus(person.principal)).recoveryCodesRemaining).toBe(9);
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "mfa.recovery_code_use")));
    expect(audit.data).toEqual({ remaining: 9 });
    // Another person's recovery code is nobody else's.
    const other = await enrolled(handle, "other@acme.example");
    expect(await signInWithPassword(handle.db, other.email, PASSWORD, null, at, person.recoveryCodes[4])).toEqual({ ok: false, reason: "mfa_invalid" });
  });

  it("throttles guesses with growing waits, also when they arrive in parallel", async () => {
    const person = await enrolled(handle, "guessed@acme.example");
    const at = new Date(T0.getTime() + 90_000);
    const wrong = (n: number) => String((Number(codeAt(person.secret, at)) + 1 + n) % 1_000_000).padStart(6, "0");
    // Twelve guesses at once: only the free ones are even checked; the rest wait.
    const results = await Promise.all(Array.from({ length: 12 }, (_, n) => verifySecondFactor(handle.db, person.id, wrong(n), { state: "enabled", allowRecoveryCode: true, now: at })));
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(FREE_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(12 - FREE_FAILURES);
    // Even the right code waits now, and sign-in says so.
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, at, codeAt(person.secret, at))).toEqual({ ok: false, reason: "mfa_throttled", retryAfterSeconds: 30 });
    // After the wait, one more wrong guess doubles it…
    const after = new Date(at.getTime() + 30_000);
    expect(await verifySecondFactor(handle.db, person.id, wrong(20), { state: "enabled", allowRecoveryCode: true, now: after })).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySecondFactor(handle.db, person.id, codeAt(person.secret, after), { state: "enabled", allowRecoveryCode: true, now: after })).toEqual({ ok: false, reason: "throttled", retryAfterSeconds: 60 });
    // …and the right code after that wait signs in and clears the count.
    const later = new Date(after.getTime() + 60_000);
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, later, codeAt(person.secret, later))).toMatchObject({ ok: true });
    const [row] = await handle.db.select().from(userTotp).where(eq(userTotp.userId, person.id));
    expect(row).toMatchObject({ failedAttempts: 0, nextAttemptAt: null });
  });

  it("is removed only with fresh proof (a code or the password), throttled, audited", async () => {
    const orgId = await createOrg(handle.db, "remove-org");
    const person = await enrolled(handle, "remove@acme.example");
    await addMember(handle.db, orgId, person.id, "owner");
    await expect(removeTotp(person.principal, {})).rejects.toMatchObject({ name: "ZodError" });
    await expect(removeTotp(person.principal, { password: "not it" })).rejects.toMatchObject({ code: "mfa_code_invalid" });
    await expect(removeTotp(person.principal, { code: "000000" }, T0)).rejects.toMatchObject({ code: "mfa_code_invalid" });
    expect((await getMfaStatus(person.principal)).totp.enabled).toBe(true);
    await removeTotp(person.principal, { password: PASSWORD });
    expect(await getMfaStatus(person.principal)).toMatchObject({ totp: { enabled: false, pending: false }, recoveryCodesRemaining: 0 });
    expect(await handle.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, person.id))).toEqual([]);
    // The next sign-in is by password alone.
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, T0)).toMatchObject({ ok: true, amr: ["pwd"] });
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, "mfa.totp_disable")));
    expect(audit.data).toEqual({ proof: "password" });
    // Nothing to remove now.
    await expect(removeTotp(person.principal, { password: PASSWORD })).rejects.toMatchObject({ code: "not_found" });

    // The password as proof is throttled like codes: a stolen session is no password oracle.
    const other = await enrolled(handle, "oracle@acme.example");
    for (let i = 0; i < FREE_FAILURES; i++) await expect(removeTotp(other.principal, { password: `guess ${i}` })).rejects.toMatchObject({ code: "mfa_code_invalid" });
    await expect(removeTotp(other.principal, { password: PASSWORD })).rejects.toMatchObject({ code: "rate_limited" });
  });

  it("renews recovery codes with a current code: the old ones stop working", async () => {
    const person = await enrolled(handle, "renew@acme.example");
    const at = new Date(T0.getTime() + 30_000);
    const { recoveryCodes } = await regenerateRecoveryCodes(person.principal, { code: codeAt(person.secret, at) }, at);
    expect(recoveryCodes).toHaveLength(10);
    const later = new Date(T0.getTime() + 60_000);
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, later, person.recoveryCodes[0])).toEqual({ ok: false, reason: "mfa_invalid" });
    expect(await signInWithPassword(handle.db, person.email, PASSWORD, null, later, recoveryCodes[0])).toMatchObject({ ok: true });
  });

  it("belongs to people with a password: API tokens and SSO-only accounts cannot set one up", async () => {
    const orgId = await createOrg(handle.db, "token-org");
    const owner = await personWithPassword(handle, "token-owner@acme.example");
    await addMember(handle.db, orgId, owner.id, "owner");
    const token = await createApiToken(await principalOf(handle.db, owner.id), "token-org", { name: "ci", role: "owner", expiresInDays: 1 });
    const tokenPrincipal = (await principalForToken(handle.db, token.secret, testContext))!;
    await expect(startTotpSetup(tokenPrincipal)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getMfaStatus(tokenPrincipal)).rejects.toMatchObject({ code: "forbidden" });

    const ssoOnly = await createUser(handle.db, "sso-only@acme.example");
    await handle.db.update(users).set({ oidcSubject: "sub-1" }).where(eq(users.id, ssoOnly));
    const ssoPrincipal = await principalOf(handle.db, ssoOnly, ["sso"]);
    await expect(startTotpSetup(ssoPrincipal)).rejects.toMatchObject({ code: "business_rule", details: { reason: "sso_only_account" } });
    expect((await getMfaStatus(ssoPrincipal)).available).toBe(false);
  });

  it("binds a sealed secret to its person: copied onto another account it opens nowhere", async () => {
    const a = await enrolled(handle, "a@acme.example");
    const b = await enrolled(handle, "b@acme.example");
    const [rowA] = await handle.db.select().from(userTotp).where(eq(userTotp.userId, a.id));
    await handle.db.update(userTotp).set({ secretSealed: rowA.secretSealed }).where(eq(userTotp.userId, b.id));
    const at = new Date(T0.getTime() + 30_000);
    await expect(verifySecondFactor(handle.db, b.id, codeAt(a.secret, at), { state: "enabled", allowRecoveryCode: false, now: at })).rejects.toThrow();
  });
});
