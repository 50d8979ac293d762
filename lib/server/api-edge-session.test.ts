import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { memberships } from "@/lib/db/schema";
import { mintSessionCookie } from "@/lib/auth/testing/session-cookies";
import { decodeSessionCookie, sessionCookieOf, SESSION_REFRESH_AFTER_SECONDS } from "@/lib/auth/session-cookie";
import { SESSION_CACHE_TTL_MS } from "@/lib/auth/session-principal-cache";
import { updateMemberRole } from "@/lib/services/members/update-member-role";
import { removeMember } from "@/lib/services/members/remove-member";
import { createOrg } from "@/lib/services/orgs/create-org";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import * as budgetsRoute from "@/app/api/v1/orgs/[org]/budgets/route";
import * as meRoute from "@/app/api/v1/me/route";
import { startEdgeServer, type EdgeServer } from "./testing/edge-server";

// As in the server's bundle (scripts/build-server.mjs): Auth.js's request pipeline is replaced
// by the module that refuses, which proves a browser's call no longer needs it.
vi.mock("@/lib/auth/next-auth", () => import("./no-cookie-sessions"));

// The browser's path into the API: a real Auth.js session cookie, served in plain Node by the
// same route wrapper as bearer tokens. What a person (or an attacker) would check: the session
// acts as its person, a forged or expired cookie is nobody, another site cannot post with it,
// an active session slides forward, and a cached principal never outlives a role change, a
// removal or a sign-out in this process (other instances: at most the cache's few seconds).

describe("API edge (browser session cookies in plain Node)", () => {
  let handle: DbHandle;
  let edge: EdgeServer;
  let base: string;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "cookie-acme");
    edge = await startEdgeServer([
      { path: "/api/v1/me", module: meRoute },
      { path: "/api/v1/orgs/[org]/budgets", module: budgetsRoute },
    ]);
    base = edge.base;
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await edge.close();
    await handle.close();
  });

  const get = (path: string, cookie: string) => fetch(base + path, { headers: { cookie } });
  const postBudget = (cookie: string, origin = base) =>
    fetch(`${base}/api/v1/orgs/cookie-acme/budgets`, {
      method: "POST",
      headers: { cookie, origin, "content-type": "application/json" },
      body: JSON.stringify({ name: "検証予算", monthlyAmountJpy: 1_000_000 }),
    });

  it("serves a browser's call as its person, without Next", async () => {
    const me = await get("/api/v1/me", await mintSessionCookie(acme.userIds.developer));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ via: "session", memberships: [expect.objectContaining({ orgSlug: "cookie-acme", role: "developer" })] });
    expect(edge.leftToNext).toEqual([]);
  });

  it("treats a forged, tampered or expired cookie as nobody", async () => {
    expect((await get("/api/v1/me", "authjs.session-token=not-a-jwt")).status).toBe(401);
    const real = await mintSessionCookie(acme.userIds.owner);
    const tampered = real.slice(0, -6) + (real.endsWith("AAAAAA") ? "BBBBBB" : "AAAAAA");
    expect((await get("/api/v1/me", tampered)).status).toBe(401);
    // Sealed with another secret: what a cookie minted elsewhere looks like.
    const secret = process.env.AUTH_SECRET;
    process.env.AUTH_SECRET = "another-deployment-secret-0123456789abcdefgh";
    const foreign = await mintSessionCookie(acme.userIds.owner);
    process.env.AUTH_SECRET = secret;
    expect((await get("/api/v1/me", foreign)).status).toBe(401);
    // A session past its expiry opens nothing, even one the cache has seen.
    const shortLived = await mintSessionCookie(acme.userIds.owner, { maxAgeSeconds: 60 });
    expect((await get("/api/v1/me", shortLived)).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 61_000);
    expect((await get("/api/v1/me", shortLived)).status).toBe(401);
  });

  it("refuses a mutation posted from another site with the cookie (CSRF), accepts the console's own", async () => {
    const cookie = await mintSessionCookie(acme.userIds.owner);
    const forged = await postBudget(cookie, "https://evil.example");
    expect(forged.status).toBe(403);
    expect((await forged.json()).error.code).toBe("csrf_failed");
    expect((await postBudget(cookie)).status).toBe(201);
  });

  it("slides an active session forward: an older session's answer carries a renewed cookie, a fresh one's does not", async () => {
    const fresh = await mintSessionCookie(acme.userIds.viewer);
    expect((await get("/api/v1/me", fresh)).headers.get("set-cookie")).toBeNull();

    vi.useFakeTimers({ toFake: ["Date"] });
    const issuedAt = Date.now() - (SESSION_REFRESH_AFTER_SECONDS + 60) * 1000;
    vi.setSystemTime(issuedAt);
    const older = await mintSessionCookie(acme.userIds.viewer);
    vi.useRealTimers();
    const answer = await get("/api/v1/me", older);
    expect(answer.status).toBe(200);
    const renewed = answer.headers.get("set-cookie");
    expect(renewed).toMatch(/^authjs\.session-token=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
    const before = await decodeSessionCookie(sessionCookieOf(older)!);
    const after = await decodeSessionCookie(sessionCookieOf(renewed!.split(";")[0])!);
    expect(after!.uid).toBe(acme.userIds.viewer);
    expect(after!.amr).toEqual(before!.amr);
    expect(after!.exp).toBeGreaterThan(before!.exp + SESSION_REFRESH_AFTER_SECONDS);
    // The renewed cookie works.
    expect((await get("/api/v1/me", renewed!.split(";")[0])).status).toBe(200);
  });

  it("a role change takes effect on the next call, although the principal was cached a moment ago", async () => {
    const admin = await mintSessionCookie(acme.userIds.admin);
    expect((await postBudget(admin)).status).toBe(201);
    await updateMemberRole(acme.as.owner, "cookie-acme", acme.userIds.admin, { role: "viewer" });
    const refused = await postBudget(admin);
    expect(refused.status).toBe(403);
    const me = await (await get("/api/v1/me", admin)).json();
    expect(me.memberships).toEqual([expect.objectContaining({ orgSlug: "cookie-acme", role: "viewer" })]);
  });

  it("a removed member loses the org on the next call", async () => {
    const billing = await mintSessionCookie(acme.userIds.billing);
    expect((await get("/api/v1/orgs/cookie-acme/budgets", billing)).status).toBe(200);
    await removeMember(acme.as.owner, "cookie-acme", acme.userIds.billing);
    expect((await get("/api/v1/orgs/cookie-acme/budgets", billing)).status).toBe(404);
  });

  it("a new membership (a created org) is there on the next call", async () => {
    const developer = await mintSessionCookie(acme.userIds.developer);
    expect((await get("/api/v1/orgs/cookie-new/budgets", developer)).status).toBe(404);
    await createOrg(acme.as.developer, { slug: "cookie-new", legalNameJa: "検証株式会社", legalNameEn: "Kensho K.K." });
    expect((await get("/api/v1/orgs/cookie-new/budgets", developer)).status).toBe(200);
  });

  it("a change made by another instance (no invalidation here) shows once the cache's few seconds are over", async () => {
    const { userIds } = await orgWithRoles(handle.db, "cookie-fleet");
    const cookie = await mintSessionCookie(userIds.developer);
    const slugsOf = async () => ((await (await get("/api/v1/me", cookie)).json()).memberships as Array<{ orgSlug: string }>).map((m) => m.orgSlug);
    expect(await slugsOf()).toEqual(["cookie-fleet"]);
    // Another instance removes the member: only the database changes under this process.
    await handle.db.delete(memberships).where(eq(memberships.userId, userIds.developer));
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + SESSION_CACHE_TTL_MS + 1);
    expect(await slugsOf()).toEqual([]);
  });
});
