import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { orgWithRoles, testContext } from "@/lib/services/testing/fixtures";
import { handlers } from "./next-auth";
import { sessionCookieOf } from "./session-cookie";
import { principalForSessionCookie } from "./session-principal";
import { cachedSession } from "./session-principal-cache";
import { mintSessionCookie } from "./testing/session-cookies";

// Signing out through Auth.js (the console's user menu posts to /api/auth/signout) forgets the
// session's cached principal in this process, and the browser is told to drop the cookie.

describe("sign-out and the session cache", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "signout-acme");
  });
  afterAll(async () => handle.close());

  it("forgets the signed-out session's principal and clears its cookie", async () => {
    const session = await mintSessionCookie(acme.userIds.developer);
    const resolved = await principalForSessionCookie(handle.db, session, testContext);
    expect(resolved?.principal.userId).toBe(acme.userIds.developer);
    const value = sessionCookieOf(session)!.value;
    expect(cachedSession(value)).not.toBeNull();

    const csrfResponse = await handlers.GET(new Request("http://localhost/api/auth/csrf", { headers: { cookie: session } }) as never);
    const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
    const csrfCookie = csrfResponse.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.includes("csrf-token"))!;
    const signOut = await handlers.POST(
      new Request("http://localhost/api/auth/signout", {
        method: "POST",
        headers: { cookie: `${session}; ${csrfCookie}`, "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in" }),
      }) as never,
    );
    expect(signOut.status).toBeLessThan(400);
    expect(signOut.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token=;") && /Max-Age=0|Expires=Thu, 01 Jan 1970/.test(c))).toBe(true);
    expect(cachedSession(value)).toBeNull();
  });
});
