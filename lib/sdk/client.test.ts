import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { createHinokiClient, ok } from "./client";
import { OperationFailedError, waitForOperation } from "./wait";

// The SDK's behaviour on the wire, against a loopback HTTP server that answers with scripted
// replies and records what it received. (The SDK against the real console is proven by the CLI
// tests, lib/cli/*.built.test.ts, which run every command through it.)

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

let server: Server;
let baseUrl = "";
const seen: Seen[] = [];
let script: Array<(url: string) => { status: number; body?: unknown; headers?: Record<string, string> }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method!, url: req.url!, headers: req.headers });
    req.resume();
    const next = script.shift();
    const reply = next ? next(req.url!) : { status: 500, body: { error: { code: "internal", message: "nothing scripted", requestId: "req_none" } } };
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const api = () => createHinokiClient({ baseUrl, token: "hk_test", acceptLanguage: "en", userAgent: "hinoki-test/1", retries: 2 });
const reset = (steps: typeof script) => {
  seen.length = 0;
  script = steps;
};

describe("the SDK client", () => {
  it("sends the token, the language and who is calling", async () => {
    reset([() => ({ status: 200, body: { items: [], nextCursor: null } })]);
    const page = await ok(api().GET("/api/v1/orgs/{org}/clusters", { params: { path: { org: "acme" } } }));
    expect(page.items).toEqual([]);
    expect(seen[0].url).toBe("/api/v1/orgs/acme/clusters");
    expect(seen[0].headers.authorization).toBe("Bearer hk_test");
    expect(seen[0].headers["accept-language"]).toBe("en");
    expect(seen[0].headers["user-agent"]).toBe("hinoki-test/1");
    expect(seen[0].headers["idempotency-key"]).toBeUndefined();
  });

  it("throws one typed error with the API's code, message, details and request id", async () => {
    reset([() => ({ status: 422, body: { error: { code: "quota_exceeded", message: "over quota", details: { field: "pools.0.count" }, requestId: "req_42" } } })]);
    const error = await api()
      .POST("/api/v1/orgs/{org}/clusters", { params: { path: { org: "acme" } }, body: {} as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: "quota_exceeded", message: "over quota", requestId: "req_42", field: "pools.0.count" });
  });

  it("sends an Idempotency-Key with every mutation, and the same one on its retries", async () => {
    reset([
      () => ({ status: 503, body: { error: { code: "control_plane_unavailable", message: "down", requestId: "r1" } }, headers: { "retry-after": "0" } }),
      () => ({ status: 409, body: { error: { code: "conflict", message: "in progress", requestId: "r2" } }, headers: { "retry-after": "0" } }),
      () => ({ status: 201, body: { id: "key_1" } }),
    ]);
    await ok(api().POST("/api/v1/orgs/{org}/endpoints/{id}/keys", { params: { path: { org: "acme", id: "ep_1" } }, body: { name: "ci" } as never }));
    expect(seen).toHaveLength(3);
    const keys = seen.map((s) => s.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);

    reset([() => ({ status: 202, body: {} }), () => ({ status: 202, body: {} })]);
    await api().DELETE("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: "acme", id: "cl_1" } } });
    await api().DELETE("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: "acme", id: "cl_1" } } });
    expect(seen[0].headers["idempotency-key"]).not.toBe(seen[1].headers["idempotency-key"]);
  });

  it("keeps a key the caller chose", async () => {
    reset([() => ({ status: 201, body: { id: "key_1" } })]);
    await api().POST("/api/v1/orgs/{org}/endpoints/{id}/keys", { params: { path: { org: "acme", id: "ep_1" }, header: { "Idempotency-Key": "my-intent-1" } }, body: { name: "ci" } as never });
    expect(seen[0].headers["idempotency-key"]).toBe("my-intent-1");
  });

  it("does not retry a refusal", async () => {
    reset([() => ({ status: 409, body: { error: { code: "conflict", message: "name taken", requestId: "r" } } })]);
    await expect(api().POST("/api/v1/orgs/{org}/clusters", { params: { path: { org: "acme" } }, body: {} as never })).rejects.toMatchObject({ code: "conflict" });
    expect(seen).toHaveLength(1);
  });
});

describe("waitForOperation", () => {
  const operation = (status: string, progress: number, error: unknown = null) => ({ id: "op_1", status, progress, error });

  it("follows the Location of a 202 until the operation is over", async () => {
    reset([
      () => ({ status: 202, body: operation("pending", 0), headers: { location: `${baseUrl}/api/v1/orgs/acme/operations/op_1` } }),
      () => ({ status: 200, body: operation("running", 40) }),
      () => ({ status: 200, body: operation("succeeded", 100) }),
    ]);
    const client = api();
    const accepted = await client.DELETE("/api/v1/orgs/{org}/clusters/{id}", { params: { path: { org: "acme", id: "cl_1" } } });
    const progress: number[] = [];
    const final = await waitForOperation(client, accepted, { intervalMs: 1, onProgress: (op) => progress.push(op.progress ?? -1) });
    expect(final.status).toBe("succeeded");
    expect(progress).toEqual([0, 40, 100]);
    expect(seen.slice(1).map((s) => s.url)).toEqual(["/api/v1/orgs/acme/operations/op_1", "/api/v1/orgs/acme/operations/op_1"]);
  });

  it("throws OperationFailedError with the operation's error when it fails", async () => {
    reset([() => ({ status: 200, body: operation("failed", 60, { code: "capacity_unavailable", message: "no H100 left in tokyo-1a" }) })]);
    const error = await waitForOperation(api(), "/api/v1/orgs/acme/operations/op_1", { intervalMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationFailedError);
    expect(error).toMatchObject({ code: "capacity_unavailable", message: "no H100 left in tokyo-1a" });
  });
});
