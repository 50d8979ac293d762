import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { auditEvents } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { verifyAttestation } from "@/lib/attestation/verify-attestation";
import { GET as listRoute, POST as requestRoute } from "@/app/api/v1/orgs/[org]/attestations/route";
import { GET as getRoute } from "@/app/api/v1/orgs/[org]/attestations/[id]/route";
import { GET as jwsRoute } from "@/app/api/v1/orgs/[org]/attestations/[id]/jws/route";
import { GET as pdfRoute } from "@/app/api/v1/orgs/[org]/attestations/[id]/pdf/route";
import { GET as getPolicyRoute, PUT as putPolicyRoute } from "@/app/api/v1/orgs/[org]/residency-policy/route";
import { POST as rotateRoute } from "@/app/api/v1/staff/attestation-keys/rotate/route";
import { GET as jwksRoute } from "@/app/.well-known/jwks.json/route";
import { createApiToken } from "../api-tokens/create-api-token";
import { orgWithRoles } from "../testing/fixtures";
import { renewAttestations } from "./renew-attestations";
import { rotateSigningKey } from "./rotate-signing-key";
import { createUser, principalOf } from "../testing/fixtures";
import { installSimulator, runningCluster, useTestKek } from "./testing";

// Sessions are not under test here (next-auth needs Next's runtime); callers use bearer tokens.
vi.mock("@/lib/auth/next-auth", () => ({ auth: async () => null }));
useTestKek();

type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: Route, path: string, options: { token?: string; method?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await route(new Request(`http://localhost${path}`, { method: options.method ?? "GET", headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) }), {
    params: Promise.resolve(options.params ?? {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  const json = response.headers.get("content-type")?.includes("json") && text ? JSON.parse(text) : null;
  return { status: response.status, headers: response.headers, body: json, text, bytes };
}

describe("attestations API", () => {
  let handle: DbHandle;
  let sim: Awaited<ReturnType<typeof installSimulator>>["sim"];
  let clusterId: string;
  let attestationId: string;
  const tokens = {} as Record<"developer" | "viewer" | "owner" | "other", string>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    const acme = await orgWithRoles(handle.db, "acme");
    const other = await orgWithRoles(handle.db, "other");
    ({ sim } = await installSimulator(handle.db));
    clusterId = (await runningCluster(sim, acme.orgId)).id;
    await renewAttestations({ db: handle.db, controlPlane: sim });
    tokens.developer = (await createApiToken(acme.as.developer, "acme", { name: "ci", role: "developer", expiresInDays: 30 })).secret;
    tokens.viewer = (await createApiToken(acme.as.owner, "acme", { name: "ro", role: "viewer", expiresInDays: 30 })).secret;
    tokens.owner = (await createApiToken(acme.as.owner, "acme", { name: "admin", role: "owner", expiresInDays: 30 })).secret;
    tokens.other = (await createApiToken(other.as.owner, "other", { name: "x", role: "owner", expiresInDays: 30 })).secret;
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await sim.close();
    await handle.close();
  });

  it("lists and reads for a viewer; another org gets 404s", async () => {
    const list = await call(listRoute as Route, `/api/v1/orgs/acme/attestations?resourceId=${clusterId}`, { token: tokens.viewer, params: { org: "acme" } });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: [expect.objectContaining({ resourceId: clusterId, status: "affirming", resourceName: "prod-training" })], nextCursor: null });
    attestationId = list.body.items[0].id;

    const one = await call(getRoute as Route, `/api/v1/orgs/acme/attestations/${attestationId}`, { token: tokens.viewer, params: { org: "acme", id: attestationId } });
    expect(one.status).toBe(200);
    expect(one.body.claims.residency.facility).toEqual({ id: "hnk-tyo-a1", prefecture: "東京都", iso3166_2: "JP-13" });
    expect(one.body.jws.split(".")).toHaveLength(3);

    for (const route of [getRoute, jwsRoute, pdfRoute]) {
      const theirs = await call(route as Route, `/api/v1/orgs/other/attestations/${attestationId}`, { token: tokens.other, params: { org: "other", id: attestationId } });
      expect(theirs.status).toBe(404);
      expect(theirs.body.error.code).toBe("not_found");
    }
    const notMember = await call(listRoute as Route, "/api/v1/orgs/acme/attestations", { token: tokens.other, params: { org: "acme" } });
    expect(notMember.status).toBe(404);
    const badCursor = await call(listRoute as Route, "/api/v1/orgs/acme/attestations?cursor=nope", { token: tokens.viewer, params: { org: "acme" } });
    expect(badCursor.status).toBe(400);
  });

  it("downloads the JWS as application/jwt and the certificate as a PDF", async () => {
    const jws = await call(jwsRoute as Route, `/api/v1/orgs/acme/attestations/${attestationId}/jws`, { token: tokens.viewer, params: { org: "acme", id: attestationId } });
    expect(jws.status).toBe(200);
    expect(jws.headers.get("content-type")).toBe("application/jwt");
    expect(jws.headers.get("content-disposition")).toBe(`attachment; filename="attestation-${attestationId}.jws"`);
    expect(jws.text).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{86}$/);
    const pdf = await call(pdfRoute as Route, `/api/v1/orgs/acme/attestations/${attestationId}/pdf`, { token: tokens.viewer, params: { org: "acme", id: attestationId } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder("latin1").decode(pdf.bytes.subarray(0, 5))).toBe("%PDF-");
    expect(pdf.bytes.length).toBeGreaterThan(5_000);
  });

  it("requests with a nonce: 201 with eat_nonce for a developer, 403 for a viewer, 400 for a bad nonce", async () => {
    const nonce = "n0nce-from-our-auditor";
    const created = await call(requestRoute as Route, "/api/v1/orgs/acme/attestations", { token: tokens.developer, method: "POST", body: { resourceId: clusterId, nonce }, params: { org: "acme" }, headers: { "idempotency-key": "req-1" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`/api/v1/orgs/acme/attestations/${created.body.id}`);
    expect(created.body.claims.eat_nonce).toBe(nonce);
    const jwks = await call(jwksRoute as Route, "/.well-known/jwks.json");
    expect(await verifyAttestation(created.body.jws, JSON.parse(jwks.text), { expectedNonce: nonce })).toMatchObject({ valid: true });
    // The same Idempotency-Key replays the first statement instead of signing a second one.
    const replay = await call(requestRoute as Route, "/api/v1/orgs/acme/attestations", { token: tokens.developer, method: "POST", body: { resourceId: clusterId, nonce }, params: { org: "acme" }, headers: { "idempotency-key": "req-1" } });
    expect(replay.body.id).toBe(created.body.id);

    const viewer = await call(requestRoute as Route, "/api/v1/orgs/acme/attestations", { token: tokens.viewer, method: "POST", body: { resourceId: clusterId, nonce }, params: { org: "acme" } });
    expect(viewer.status).toBe(403);
    const bad = await call(requestRoute as Route, "/api/v1/orgs/acme/attestations", { token: tokens.developer, method: "POST", body: { resourceId: clusterId, nonce: "x" }, params: { org: "acme" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_failed");
  });

  it("publishes every key ever used, cacheably, and only platform admins rotate", async () => {
    const before = await call(jwksRoute as Route, "/.well-known/jwks.json");
    expect(before.status).toBe(200);
    expect(before.headers.get("content-type")).toBe("application/jwk-set+json");
    expect(before.headers.get("cache-control")).toContain("public");
    const etag = before.headers.get("etag")!;
    expect((await call(jwksRoute as Route, "/.well-known/jwks.json", { headers: { "if-none-match": etag } })).status).toBe(304);

    expect((await call(rotateRoute as Route, "/api/v1/staff/attestation-keys/rotate", { method: "POST" })).status).toBe(401);
    const customer = await call(rotateRoute as Route, "/api/v1/staff/attestation-keys/rotate", { token: tokens.owner, method: "POST" });
    expect(customer.status).toBe(404);

    // Staff sign in with a session; the service is what the route calls with that principal.
    const admin = await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }));
    const rotation = await rotateSigningKey(admin);
    const after = await call(jwksRoute as Route, "/.well-known/jwks.json");
    const kids = JSON.parse(after.text).keys.map((k: { kid: string }) => k.kid);
    expect(kids).toEqual([rotation.active.kid, ...JSON.parse(before.text).keys.map((k: { kid: string }) => k.kid)]);
    expect(after.headers.get("etag")).not.toBe(etag);
    const old = await call(jwsRoute as Route, `/api/v1/orgs/acme/attestations/${attestationId}/jws`, { token: tokens.viewer, params: { org: "acme", id: attestationId } });
    expect(await verifyAttestation(old.text, JSON.parse(after.text))).toMatchObject({ valid: true });
    const audits = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "attestation_key.rotate"));
    expect(audits).toHaveLength(1);
  });

  it("reads and refuses residency policy changes over HTTP", async () => {
    const policy = await call(getPolicyRoute as Route, "/api/v1/orgs/acme/residency-policy", { token: tokens.viewer, params: { org: "acme" } });
    expect(policy.body).toMatchObject({ allowedRegions: ["jp-tokyo-1", "jp-osaka-1", "jp-hokkaido-1"], isDefault: true });
    const viewer = await call(putPolicyRoute as Route, "/api/v1/orgs/acme/residency-policy", { token: tokens.viewer, method: "PUT", body: { allowedRegions: ["jp-tokyo-1"] }, params: { org: "acme" } });
    expect(viewer.status).toBe(403);
    const refused = await call(putPolicyRoute as Route, "/api/v1/orgs/acme/residency-policy", { token: tokens.owner, method: "PUT", body: { allowedRegions: ["jp-osaka-1"] }, params: { org: "acme" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.resources).toEqual([expect.objectContaining({ id: clusterId, name: "prod-training", regionId: "jp-tokyo-1" })]);
    const unknown = await call(putPolicyRoute as Route, "/api/v1/orgs/acme/residency-policy", { token: tokens.owner, method: "PUT", body: { allowedRegions: ["eu-west-1"] }, params: { org: "acme" } });
    expect(unknown.status).toBe(400);
    const ok = await call(putPolicyRoute as Route, "/api/v1/orgs/acme/residency-policy", { token: tokens.owner, method: "PUT", body: { allowedRegions: ["jp-tokyo-1"] }, params: { org: "acme" } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ allowedRegions: ["jp-tokyo-1"], isDefault: false });
  });
});
