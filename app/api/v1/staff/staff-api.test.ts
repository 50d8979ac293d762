import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintSessionCookie } from "@/lib/auth/testing/session-cookies";
import { createTestDatabase, type DbHandle } from "@/lib/services/staff/testing";
import { GET as listAccountsRoute } from "@/app/api/v1/staff/accounts/route";
import { GET as getAccountRoute } from "@/app/api/v1/staff/accounts/[org]/route";
import { GET as activityRoute } from "@/app/api/v1/staff/accounts/[org]/activity/route";
import { GET as listNotesRoute, POST as createNoteRoute } from "@/app/api/v1/staff/accounts/[org]/notes/route";
import { GET as getContractRoute, PUT as putContractRoute } from "@/app/api/v1/staff/accounts/[org]/contract/route";
import { GET as queueRoute } from "@/app/api/v1/staff/quota-requests/route";
import { PATCH as decideRoute } from "@/app/api/v1/staff/quota-requests/[id]/route";
import { GET as orgContractRoute } from "@/app/api/v1/orgs/[org]/contract/route";
import { GET as apiTokensRoute } from "@/app/api/v1/orgs/[org]/api-tokens/route";
import { GET as quotasRoute } from "@/app/api/v1/orgs/[org]/quotas/route";
import { POST as fileRequestRoute } from "@/app/api/v1/orgs/[org]/quota-requests/route";
import { GET as auditRoute } from "@/app/api/v1/orgs/[org]/audit-events/route";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { assignAccountManager } from "@/lib/services/staff/assign-account-manager";
import { createUser, orgWithRoles, principalOf } from "@/lib/services/testing/fixtures";
import { GET as listDomainsRoute, POST as verifyDomainRoute } from "./accounts/[org]/domains/route";
import { DELETE as removeDomainRoute } from "./accounts/[org]/domains/[domain]/route";

// The staff API over HTTP, through the one route wrapper: staff sign in with the session cookie
// (a real Auth.js session cookie), customers come with a cookie or a bearer token.

type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: unknown, path: string, options: { as?: string | null; token?: string; method?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { host: "localhost", origin: "http://localhost" };
  // Sessions signed in with a password and a second factor (staff cannot work without one).
  if (options.as) headers.cookie = await mintSessionCookie(options.as, { amr: ["pwd", "otp"] });
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await (route as Route)(
    new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

describe("staff API", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let amA: string;
  let amB: string;
  let ownerToken: string;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    await orgWithRoles(handle.db, "gamma");
    const admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }));
    amA = await createUser(handle.db, "am-a@hinoki.example", { staffRole: "account_manager" });
    amB = await createUser(handle.db, "am-b@hinoki.example", { staffRole: "account_manager" });
    await assignAccountManager(admin, "acme", { staffUserId: amA, assigned: true });
    await assignAccountManager(admin, "gamma", { staffUserId: amB, assigned: true });
    ownerToken = (await createApiToken(acme.as.owner, "acme", { name: "ci", role: "owner", expiresInDays: 30 })).secret;
  });
  afterAll(async () => handle.close());

  const org = { org: "acme" };

  it("customers get 404 from every staff route — by cookie or token, whatever they send", async () => {
    const customers = [{ as: acme.userIds.owner }, { token: ownerToken }];
    for (const who of customers) {
      const calls = [
        await call(listAccountsRoute, "/api/v1/staff/accounts?sort=bogus", who),
        await call(getAccountRoute, "/api/v1/staff/accounts/acme", { ...who, params: org }),
        await call(activityRoute, "/api/v1/staff/accounts/acme/activity", { ...who, params: org }),
        await call(listNotesRoute, "/api/v1/staff/accounts/acme/notes", { ...who, params: org }),
        await call(createNoteRoute, "/api/v1/staff/accounts/acme/notes", { ...who, method: "POST", body: { nonsense: 1 }, params: org }),
        await call(getContractRoute, "/api/v1/staff/accounts/acme/contract", { ...who, params: org }),
        await call(putContractRoute, "/api/v1/staff/accounts/acme/contract", { ...who, method: "PUT", body: { discountPercent: 99, effectiveFrom: "2030-01-01" }, params: org }),
        await call(listDomainsRoute, "/api/v1/staff/accounts/acme/domains", { ...who, params: org }),
        await call(verifyDomainRoute, "/api/v1/staff/accounts/acme/domains", { ...who, method: "POST", body: { domain: "acme.example" }, params: org }),
        await call(removeDomainRoute, "/api/v1/staff/accounts/acme/domains/acme.example", { ...who, method: "DELETE", params: { org: "acme", domain: "acme.example" } }),
        await call(queueRoute, "/api/v1/staff/quota-requests", who),
        await call(decideRoute, "/api/v1/staff/quota-requests/qr_x", { ...who, method: "PATCH", body: { status: "approved" }, params: { id: "qr_x" } }),
      ];
      expect(calls.map((c) => c.status)).toEqual(Array(calls.length).fill(404));
      expect(calls[0].body.error.code).toBe("not_found");
    }
    expect((await call(listAccountsRoute, "/api/v1/staff/accounts")).status).toBe(401);
  });

  it("manager B gets 404 for manager A's account; manager A gets it", async () => {
    expect((await call(getAccountRoute, "/api/v1/staff/accounts/acme", { as: amB, params: org })).status).toBe(404);
    expect((await call(getContractRoute, "/api/v1/staff/accounts/acme/contract", { as: amB, params: org })).status).toBe(404);
    expect((await call(createNoteRoute, "/api/v1/staff/accounts/acme/notes", { as: amB, method: "POST", body: { body: "x" }, params: org })).status).toBe(404);
    expect((await call(quotasRoute, "/api/v1/orgs/acme/quotas", { as: amB, params: org })).status).toBe(404);
    const book = await call(listAccountsRoute, "/api/v1/staff/accounts", { as: amB });
    expect(book.body.items.map((a: { slug: string }) => a.slug)).toEqual(["gamma"]);

    const mine = await call(getAccountRoute, "/api/v1/staff/accounts/acme", { as: amA, params: org });
    expect(mine.status).toBe(200);
    expect(mine.body.account).toMatchObject({ slug: "acme", spend: { monthToDateJpy: 0 }, openQuotaRequests: 0 });
  });

  it("staff never read secrets: API tokens are a 403 for the assigned manager", async () => {
    const tokens = await call(apiTokensRoute, "/api/v1/orgs/acme/api-tokens", { as: amA, params: org });
    expect(tokens.status).toBe(403);
    expect(tokens.body.error.code).toBe("forbidden");
    expect(JSON.stringify(tokens.body)).not.toContain("hk_");
    // The quotas (no secret) are readable.
    expect((await call(quotasRoute, "/api/v1/orgs/acme/quotas", { as: amA, params: org })).status).toBe(200);
  });

  it("a customer files a request, the manager approves a different amount, the customer sees the new quota and the audit trail", async () => {
    const filed = await call(fileRequestRoute, "/api/v1/orgs/acme/quota-requests", { token: ownerToken, method: "POST", body: { regionId: "jp-osaka-1", gpuModel: "B200", requestedGpus: 64, reason: "新モデルの学習" }, params: org });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;

    const queue = await call(queueRoute, "/api/v1/staff/quota-requests?limit=10", { as: amA });
    expect(queue.body.items).toEqual([expect.objectContaining({ id, org: expect.objectContaining({ slug: "acme" }), status: "pending" })]);
    expect((await call(queueRoute, "/api/v1/staff/quota-requests", { as: amB })).body.items).toEqual([]);

    const invalid = await call(decideRoute, `/api/v1/staff/quota-requests/${id}`, { as: amA, method: "PATCH", body: { status: "rejected" }, params: { id } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("validation_failed");
    const tooLow = await call(decideRoute, `/api/v1/staff/quota-requests/${id}`, { as: amA, method: "PATCH", body: { status: "approved", approvedGpus: 8 }, params: { id } });
    expect(tooLow.status).toBe(422);
    expect((await call(decideRoute, `/api/v1/staff/quota-requests/${id}`, { as: amB, method: "PATCH", body: { status: "approved" }, params: { id } })).status).toBe(404);

    const approved = await call(decideRoute, `/api/v1/staff/quota-requests/${id}`, { as: amA, method: "PATCH", body: { status: "approved", approvedGpus: 48, decisionReason: "段階的に増枠" }, params: { id } });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", approvedGpus: 48 });
    const again = await call(decideRoute, `/api/v1/staff/quota-requests/${id}`, { as: amA, method: "PATCH", body: { status: "approved" }, params: { id } });
    expect(again.status).toBe(409);

    const quotas = await call(quotasRoute, "/api/v1/orgs/acme/quotas?regionId=jp-osaka-1&gpuModel=B200", { token: ownerToken, params: org });
    expect(quotas.body.items).toEqual([expect.objectContaining({ limit: 48, available: 48 })]);
    const audit = await call(auditRoute, "/api/v1/orgs/acme/audit-events?action=quota_request", { token: ownerToken, params: org });
    expect(audit.body.items.map((e: { action: string; actor: { type: string } }) => `${e.actor.type}:${e.action}`)).toEqual(["staff:quota_request.approve", "api_token:quota_request.create"]);
  });

  it("contracts: the manager sets terms, the customer reads them read-only", async () => {
    const bad = await call(putContractRoute, "/api/v1/staff/accounts/acme/contract", { as: amA, method: "PUT", body: { discountPercent: 10.123, effectiveFrom: "2027-01-01" }, params: org });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe("discountPercent");
    const put = await call(putContractRoute, "/api/v1/staff/accounts/acme/contract", { as: amA, method: "PUT", body: { discountPercent: 10, discountByGpuModel: { B200: 20 }, committedMonthlyJpy: 3_000_000, effectiveFrom: "2026-01-01" }, params: org });
    expect(put.status).toBe(200);
    expect(put.body.current).toMatchObject({ discountPercent: 10, discountByGpuModel: { B200: 20 }, committedMonthlyJpy: 3_000_000 });
    const theirs = await call(orgContractRoute, "/api/v1/orgs/acme/contract", { as: acme.userIds.viewer, params: org });
    expect(theirs.status).toBe(200);
    expect(theirs.body.prices.find((p: { shapeId: string }) => p.shapeId === "b200-8x")).toMatchObject({ listPerHourJpy: 13_600, pricePerHourJpy: 10_880 });
    expect((await call(orgContractRoute, "/api/v1/orgs/gamma/contract", { as: acme.userIds.viewer, params: { org: "gamma" } })).status).toBe(404);
  });

  it("notes: the manager adds and lists them; the timeline shows staff and customer entries", async () => {
    const created = await call(createNoteRoute, "/api/v1/staff/accounts/acme/notes", { as: amA, method: "POST", body: { body: "四半期レビューは1月第2週" }, params: org });
    expect(created.status).toBe(201);
    const empty = await call(createNoteRoute, "/api/v1/staff/accounts/acme/notes", { as: amA, method: "POST", body: { body: "" }, params: org });
    expect(empty.status).toBe(400);
    const notes = await call(listNotesRoute, "/api/v1/staff/accounts/acme/notes", { as: amA, params: org });
    expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual(["四半期レビューは1月第2週"]);
    const activity = await call(activityRoute, "/api/v1/staff/accounts/acme/activity?limit=2", { as: amA, params: org });
    expect(activity.body.items).toHaveLength(2);
    expect(activity.body.items[0]).toMatchObject({ log: "staff", action: "staff.note.create" });
    const next = await call(activityRoute, `/api/v1/staff/accounts/acme/activity?limit=50&cursor=${activity.body.nextCursor}`, { as: amA, params: org });
    expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["contract.update", "quota_request.approve", "staff.view"]));
  });
});
