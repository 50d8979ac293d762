import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionCookie } from "@/lib/auth/testing/session-cookies";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { GET as getPolicyRoute, PUT as putPolicyRoute } from "@/app/api/v1/orgs/[org]/sign-in-policy/route";
import { GET as membersRoute } from "@/app/api/v1/orgs/[org]/members/route";
import { POST as startTotpRoute } from "@/app/api/v1/me/mfa/totp/route";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { orgWithRoles } from "@/lib/services/testing/fixtures";

// Over HTTP, through the one route wrapper: the session's amr (how the person signed in) reaches
// the principal and decides; a bearer token is not a person and is not held to the policy.


type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: unknown, path: string, options: { as?: string; amr?: string[]; token?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { host: "localhost", origin: "http://localhost" };
  if (options.as) headers.cookie = await mintSessionCookie(options.as, { amr: options.amr ?? [] });
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await (route as Route)(
    new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }),
    { params: Promise.resolve({ org: "acme" }) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("sign-in policy over HTTP", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let token: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    token = (await createApiToken(acme.as.developer, "acme", { name: "ci", role: "developer", expiresInDays: 1 })).secret;
  });
  afterAll(async () => handle.close());

  it("is set by the owner's second-factor session and stops password-only sessions, not tokens", async () => {
    const ownerPwd = await call(putPolicyRoute, "/api/v1/orgs/acme/sign-in-policy", { as: acme.userIds.owner, amr: ["pwd"], method: "PUT", body: { requirement: "mfa" } });
    expect(ownerPwd).toMatchObject({ status: 422, body: { error: { code: "business_rule", details: { reason: "policy_not_met_by_your_session" } } } });
    const set = await call(putPolicyRoute, "/api/v1/orgs/acme/sign-in-policy", { as: acme.userIds.owner, amr: ["pwd", "otp"], method: "PUT", body: { requirement: "mfa" } });
    expect(set).toMatchObject({ status: 200, body: { requirement: "mfa" } });

    const devPwd = await call(membersRoute, "/api/v1/orgs/acme/members", { as: acme.userIds.developer, amr: ["pwd"] });
    expect(devPwd.status).toBe(403);
    expect(devPwd.body.error).toMatchObject({ code: "org_requires_mfa", details: { org: "acme", requirement: "mfa" } });
    expect(devPwd.body.error.message).toContain("2段階認証");
    expect((await call(getPolicyRoute, "/api/v1/orgs/acme/sign-in-policy", { as: acme.userIds.developer, amr: ["pwd"] })).status).toBe(403);

    expect((await call(membersRoute, "/api/v1/orgs/acme/members", { as: acme.userIds.developer, amr: ["pwd", "otp"] })).status).toBe(200);
    expect((await call(membersRoute, "/api/v1/orgs/acme/members", { token })).status).toBe(200);
    // A token manages nobody's second factor, nor the policy.
    expect((await call(startTotpRoute, "/api/v1/me/mfa/totp", { token, method: "POST" })).status).toBe(403);
    expect((await call(putPolicyRoute, "/api/v1/orgs/acme/sign-in-policy", { token, method: "PUT", body: { requirement: "none" } })).status).toBe(403);
  });
});
