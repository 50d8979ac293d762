import http from "node:http";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import * as budgetsRoute from "@/app/api/v1/orgs/[org]/budgets/route";
import * as budgetRoute from "@/app/api/v1/orgs/[org]/budgets/[id]/route";
import * as costsRoute from "@/app/api/v1/orgs/[org]/costs/route";
import * as meRoute from "@/app/api/v1/me/route";
import { startEdgeServer, type EdgeServer } from "./testing/edge-server";

// As in the server's bundle (scripts/build-server.mjs): Auth.js is replaced by the module that
// refuses, which proves no bearer call ever needs it.
vi.mock("@/lib/auth/next-auth", () => import("./no-cookie-sessions"));

// The plain-Node path for bearer-token calls, over a real HTTP server with real route modules:
// request bodies, headers, status codes, streams and errors must come out exactly as the route
// handler made them, and anything the table does not serve must be left to Next.

describe("API edge (bearer tokens in plain Node)", () => {
  let handle: DbHandle;
  let edge: EdgeServer;
  let base: string;
  let ownerToken: string;
  let otherToken: string;
  let leftToNext: string[];

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await orgWithRoles(handle.db, "edge-acme");
    const other = await orgWithRoles(handle.db, "edge-other");
    ownerToken = (await createApiToken(acme.as.owner, "edge-acme", { name: "ci", role: "owner", expiresInDays: 1 })).secret;
    otherToken = (await createApiToken(other.as.owner, "edge-other", { name: "ci", role: "owner", expiresInDays: 1 })).secret;
    edge = await startEdgeServer([
      { path: "/api/v1/me", module: meRoute },
      { path: "/api/v1/orgs/[org]/budgets", module: budgetsRoute },
      { path: "/api/v1/orgs/[org]/budgets/[id]", module: budgetRoute },
      { path: "/api/v1/orgs/[org]/costs", module: costsRoute },
    ]);
    base = edge.base;
    leftToNext = edge.leftToNext;
  });
  afterAll(async () => {
    await edge.close();
    await handle.close();
  });

  const call = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(base + path, { ...init, headers: { authorization: `Bearer ${init.token ?? ownerToken}`, ...(init.headers as Record<string, string>) } });

  it("serves a bearer call through the route's own wrapper", async () => {
    const me = await call("/api/v1/me");
    expect(me.status).toBe(200);
    expect(me.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await me.json()).toMatchObject({ via: "api_token", memberships: [expect.objectContaining({ orgSlug: "edge-acme", role: "owner" })] });
  });

  it("passes JSON bodies and Idempotency-Key through: one budget for two identical calls", async () => {
    const body = JSON.stringify({ name: "GPU 予算", monthlyAmountJpy: 5_000_000 });
    const init = { method: "POST", body, headers: { "content-type": "application/json", "idempotency-key": "edge-budget-1" } };
    const first = await call("/api/v1/orgs/edge-acme/budgets", init);
    expect(first.status).toBe(201);
    const created = await first.json();
    expect(first.headers.get("location")).toBe(`/api/v1/orgs/edge-acme/budgets/${created.id}`);
    const again = await call("/api/v1/orgs/edge-acme/budgets", init);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect((await again.json()).id).toBe(created.id);
    const list = await (await call("/api/v1/orgs/edge-acme/budgets")).json();
    expect(list.items.map((b: { id: string }) => b.id)).toEqual([created.id]);
    // Another org's token sees neither the org nor the budget.
    expect((await call(`/api/v1/orgs/edge-acme/budgets/${created.id}`, { token: otherToken })).status).toBe(404);
  });

  it("answers bad input with the API's 4xx error shape in the caller's language", async () => {
    const badJson = await call("/api/v1/orgs/edge-acme/budgets", { method: "POST", body: "{not json", headers: { "content-type": "application/json", "accept-language": "en" } });
    expect(badJson.status).toBe(400);
    const error = (await badJson.json()).error;
    expect(error.code).toBe("bad_request");
    expect(error.requestId).toBe(badJson.headers.get("x-request-id"));
    const invalid = await call("/api/v1/orgs/edge-acme/budgets", { method: "POST", body: JSON.stringify({ name: "", monthlyAmountJpy: -1 }), headers: { "content-type": "application/json" } });
    expect(invalid.status).toBe(400);
    expect((await call("/api/v1/me", { token: "hk_not_a_real_token" })).status).toBe(401);
  });

  it("streams downloads (the FOCUS CSV export)", async () => {
    const response = await call("/api/v1/orgs/edge-acme/costs?from=2026-11-01&to=2026-12-01&format=focus-csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename=".+\.csv"/);
    const text = await response.text();
    expect(text.split("\n")[0]).toContain("BilledCost");
  });

  it("answers a request with a malformed Host header like any other", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${base}/api/v1/me`, { headers: { host: "bad host\\x", authorization: `Bearer ${ownerToken}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it("leaves anonymous calls, unknown paths and unsupported methods to Next", async () => {
    leftToNext.length = 0;
    expect((await fetch(`${base}/api/v1/me`, { headers: { cookie: "theme=dark" } })).status).toBe(418);
    expect((await call("/api/v1/orgs/edge-acme/nothing")).status).toBe(418);
    expect((await call("/api/v1/orgs/edge-acme/costs", { method: "DELETE" })).status).toBe(418);
    expect((await call("/api/v1/me/")).status).toBe(418);
    expect(leftToNext).toEqual(["GET /api/v1/me", "GET /api/v1/orgs/edge-acme/nothing", "DELETE /api/v1/orgs/edge-acme/costs", "GET /api/v1/me/"]);
  });
});
