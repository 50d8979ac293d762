import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, setControlPlane, type ControlPlane, type DbHandle } from "@/lib/services/quota-requests/testing";
import { AppError } from "@/lib/domain/errors";
import { GET as getCapacityRoute } from "@/app/api/v1/capacity/route";
import { GET as getRegionsRoute } from "@/app/api/v1/regions/route";
import { GET as getShapesRoute } from "@/app/api/v1/shapes/route";
import { GET as getQuotasRoute } from "@/app/api/v1/orgs/[org]/quotas/route";
import { GET as listRequestsRoute, POST as createRequestRoute } from "@/app/api/v1/orgs/[org]/quota-requests/route";
import { GET as getRequestRoute } from "@/app/api/v1/orgs/[org]/quota-requests/[id]/route";
import { forgetCapacity } from "@/lib/services/catalog/get-capacity";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { orgWithRoles } from "@/lib/services/testing/fixtures";

// Sessions are not under test here (next-auth needs Next's runtime); callers use bearer tokens.
vi.mock("@/lib/auth/next-auth", () => ({ auth: async () => null }));

// The HTTP layer of the catalog and quota routes, called as automation calls them (bearer API
// tokens): status codes, error codes, Idempotency-Key, and the 503 of a control plane outage.

type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: Route, path: string, options: { token?: string; method?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await route(new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

describe("catalog and quota API", () => {
  let handle: DbHandle;
  const tokens = {} as Record<"developer" | "viewer" | "other", string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await orgWithRoles(handle.db, "acme");
    const other = await orgWithRoles(handle.db, "other");
    tokens.developer = (await createApiToken(acme.as.developer, "acme", { name: "ci", role: "developer", expiresInDays: 30 })).secret;
    tokens.viewer = (await createApiToken(acme.as.owner, "acme", { name: "ro", role: "viewer", expiresInDays: 30 })).secret;
    tokens.other = (await createApiToken(other.as.owner, "other", { name: "x", role: "owner", expiresInDays: 30 })).secret;
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("serves the catalog without sign-in", async () => {
    const regions = await call(getRegionsRoute as Route, "/api/v1/regions");
    expect(regions.status).toBe(200);
    expect(regions.body.items).toHaveLength(3);
    expect(regions.body.nextCursor).toBeNull();
    const shapes = await call(getShapesRoute as Route, "/api/v1/shapes?gpuModel=H200&regionId=jp-hokkaido-1");
    expect(shapes.status).toBe(200);
    expect(shapes.body.items).toEqual([expect.objectContaining({ id: "h200-8x", pricePerHour: { amount: 8800, currency: "JPY" }, pricePerMonth: { amount: 6_424_000, currency: "JPY" } })]);
    const bad = await call(getShapesRoute as Route, "/api/v1/shapes?fitsModel=nope", { headers: { "accept-language": "en" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "validation_failed", details: { field: "fitsModel" } });
  });

  it("answers 503 control_plane_unavailable for capacity when the control plane is down", async () => {
    forgetCapacity();
    setControlPlane({ getCapacity: () => Promise.reject(new AppError("control_plane_unavailable", "refused")) } as unknown as ControlPlane);
    const response = await call(getCapacityRoute as Route, "/api/v1/capacity", { token: tokens.viewer });
    expect(response.status).toBe(503);
    expect(response.body.error.code).toBe("control_plane_unavailable");
    expect(response.body.error.message).toContain("GPUコントロールプレーン");
    expect((await call(getCapacityRoute as Route, "/api/v1/capacity")).status).toBe(401);
  });

  it("files a quota request with an Idempotency-Key once, and reads it back", async () => {
    const body = { regionId: "jp-osaka-1", gpuModel: "B200", requestedGpus: 48, reason: "推論基盤の増強" };
    const first = await call(createRequestRoute as Route, "/api/v1/orgs/acme/quota-requests", { token: tokens.developer, method: "POST", body, params: { org: "acme" }, headers: { "idempotency-key": "k-1" } });
    expect(first.status).toBe(201);
    expect(first.headers.get("location")).toBe(`/api/v1/orgs/acme/quota-requests/${first.body.id}`);
    expect(first.body).toMatchObject({ status: "pending", currentGpus: 16, requestedGpus: 48 });
    const replay = await call(createRequestRoute as Route, "/api/v1/orgs/acme/quota-requests", { token: tokens.developer, method: "POST", body, params: { org: "acme" }, headers: { "idempotency-key": "k-1" } });
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const list = await call(listRequestsRoute as Route, "/api/v1/orgs/acme/quota-requests?status=pending", { token: tokens.viewer, params: { org: "acme" } });
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([first.body.id]);
    const one = await call(getRequestRoute as Route, `/api/v1/orgs/acme/quota-requests/${first.body.id}`, { token: tokens.viewer, params: { org: "acme", id: first.body.id } });
    expect(one.status).toBe(200);
    const quotas = await call(getQuotasRoute as Route, "/api/v1/orgs/acme/quotas?regionId=jp-osaka-1", { token: tokens.viewer, params: { org: "acme" } });
    expect(quotas.body).toEqual({ items: [expect.objectContaining({ gpuModel: "B200", limit: 16 }), expect.objectContaining({ gpuModel: "GB200", limit: 16 })], nextCursor: null });

    // Another org: 404, as if it did not exist.
    const stranger = await call(getRequestRoute as Route, `/api/v1/orgs/acme/quota-requests/${first.body.id}`, { token: tokens.other, params: { org: "acme", id: first.body.id } });
    expect(stranger.status).toBe(404);
    const otherOrg = await call(getRequestRoute as Route, `/api/v1/orgs/other/quota-requests/${first.body.id}`, { token: tokens.other, params: { org: "other", id: first.body.id } });
    expect(otherOrg.status).toBe(404);
  });

  it("answers 400, 403, 409 and 422 with codes the UI can place", async () => {
    const post = (token: string, body: unknown) => call(createRequestRoute as Route, "/api/v1/orgs/acme/quota-requests", { token, method: "POST", body, params: { org: "acme" } });
    const viewer = await post(tokens.viewer, { regionId: "jp-tokyo-1", gpuModel: "L40S", requestedGpus: 32, reason: "x" });
    expect(viewer.status).toBe(403);
    const invalid = await post(tokens.developer, { regionId: "jp-tokyo-1", gpuModel: "L40S", requestedGpus: -1, reason: "" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["reason", "requestedGpus"]);
    const notMore = await post(tokens.developer, { regionId: "jp-tokyo-1", gpuModel: "L40S", requestedGpus: 8, reason: "x" });
    expect(notMore.status).toBe(422);
    expect(notMore.body.error).toMatchObject({ code: "business_rule", details: { field: "requestedGpus" } });
    const twice = await post(tokens.developer, { regionId: "jp-osaka-1", gpuModel: "B200", requestedGpus: 64, reason: "x" });
    expect(twice.status).toBe(409);
    const badCursor = await call(listRequestsRoute as Route, "/api/v1/orgs/acme/quota-requests?cursor=zzz", { token: tokens.viewer, params: { org: "acme" } });
    expect(badCursor.status).toBe(400);
  });
});
