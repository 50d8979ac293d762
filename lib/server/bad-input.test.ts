import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import * as orgRoute from "@/app/api/v1/orgs/[org]/route";
import * as membersRoute from "@/app/api/v1/orgs/[org]/members/route";
import * as auditRoute from "@/app/api/v1/orgs/[org]/audit-events/route";
import * as budgetsRoute from "@/app/api/v1/orgs/[org]/budgets/route";
import * as accountRoute from "@/app/api/v1/invitations/[token]/account/route";
import { apiEdgeHandler } from "./api-edge";
import { refuseMalformedPath } from "./malformed-path";

vi.mock("@/lib/auth/next-auth", () => import("./no-cookie-sessions"));

// Hostile input over real HTTP, through the same pieces the server puts in front of every request
// (the malformed-path guard, the API edge, the apiRoute wrapper): every answer is a 4xx in the
// one error shape, and a body is refused while it arrives, not after it was buffered.

let handle: DbHandle;
let server: http.Server;
let port: number;
let token: string;
const leftToNext: string[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  const acme = await orgWithRoles(handle.db, "bad-input");
  token = (await createApiToken(acme.as.owner, "bad-input", { name: "ci", role: "owner", expiresInDays: 1 })).secret;
  const edge = apiEdgeHandler([
    { path: "/api/v1/orgs/[org]", module: orgRoute },
    { path: "/api/v1/orgs/[org]/members", module: membersRoute },
    { path: "/api/v1/orgs/[org]/audit-events", module: auditRoute },
    { path: "/api/v1/orgs/[org]/budgets", module: budgetsRoute },
    { path: "/api/v1/invitations/[token]/account", module: accountRoute },
  ]);
  server = http.createServer((req, res) => {
    if (refuseMalformedPath(req, res)) return;
    if (edge.matches(req)) return void edge.handle(req, res);
    leftToNext.push(`${req.method} ${req.url}`);
    res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await handle.close();
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: any;
}

/** One raw HTTP request (fetch would re-encode the path and refuses some of these bodies). */
function send(method: string, path: string, options: { headers?: Record<string, string | number>; body?: string | Buffer; auth?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...(options.auth === false ? {} : { authorization: `Bearer ${token}` }), ...options.headers };
    const req = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => {
        let json: any = null;
        try {
          json = JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

const jsonHeaders = { "content-type": "application/json" };

function expectErrorShape(answer: Answer, status: number, code?: string) {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(answer.json?.error?.requestId).toMatch(/^req_/);
  expect(typeof answer.json?.error?.message).toBe("string");
  if (code) expect(answer.json.error.code).toBe(code);
}

describe("paths", () => {
  it("answers a malformed percent-escape in an API path with a 400 in the error shape, whoever calls", async () => {
    leftToNext.length = 0;
    expectErrorShape(await send("GET", "/api/v1/orgs/%E0%A4%A/members"), 400, "bad_request");
    expectErrorShape(await send("GET", "/api/v1/orgs/bad-input/%E0%A4%A", { auth: false, headers: { cookie: "authjs.session-token=x" } }), 400, "bad_request");
    expectErrorShape(await send("PATCH", "/api/v1/orgs/%zz", { auth: false, headers: { "accept-language": "en" } }), 400, "bad_request");
    // None of them reached Next, where route decoding throws and answers a plain-text 500.
    expect(leftToNext).toEqual([]);
  });

  it("answers a console page with a malformed escape with a 400 page, not a 500", async () => {
    const page = await send("GET", "/bad-input/clusters/%E0%A4%A", { auth: false, headers: { "accept-language": "en" } });
    expect(page.status).toBe(400);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.text).toContain("The request is malformed.");
    expect(leftToNext).toEqual([]);
  });

  it("refuses percent-encoded dot segments, which routers would normalise into another path", async () => {
    expectErrorShape(await send("GET", "/api/v1/orgs/%2e%2e/members"), 400, "bad_request");
    expectErrorShape(await send("GET", "/api/v1/orgs/bad-input/%2E"), 400, "bad_request");
  });

  it("refuses a NUL byte in a path parameter before it reaches the database", async () => {
    expectErrorShape(await send("GET", "/api/v1/orgs/%00/members"), 400);
    expectErrorShape(await send("GET", "/api/v1/orgs/bad%00input/members"), 400);
  });
});

describe("query and body strings", () => {
  it("refuses a NUL byte in a query value with a 400 naming it", async () => {
    const answer = await send("GET", "/api/v1/orgs/bad-input/audit-events?action=org.update%00x");
    expectErrorShape(answer, 400, "validation_failed");
    expect(answer.json.error.details.issues[0]).toMatchObject({ path: "action", code: "nul_character" });
  });

  it("refuses a NUL byte in a JSON string, nested or as a key", async () => {
    const inName = await send("POST", "/api/v1/orgs/bad-input/budgets", { headers: jsonHeaders, body: JSON.stringify({ name: "a\u0000b", monthlyAmountJpy: 10_000 }) });
    expectErrorShape(inName, 400, "validation_failed");
    expect(inName.json.error.details.issues[0]).toMatchObject({ path: "name", code: "nul_character" });
    const nested = await send("PATCH", "/api/v1/orgs/bad-input", { headers: jsonHeaders, body: JSON.stringify({ billingAddress: { postalCode: "100-0001", prefecture: "東京都", city: "千代田区", line1: "x\u0000" } }) });
    expectErrorShape(nested, 400, "validation_failed");
    expect(nested.json.error.details.issues[0].path).toBe("billingAddress.line1");
    expectErrorShape(await send("PATCH", "/api/v1/orgs/bad-input", { headers: jsonHeaders, body: '{"contactName":"ok","x\\u0000":1}' }), 400, "validation_failed");
  });

  it("answers huge numbers, deep nesting and arrays where an object belongs with a 400", async () => {
    const budget = (body: string | Buffer) => send("POST", "/api/v1/orgs/bad-input/budgets", { headers: jsonHeaders, body });
    expectErrorShape(await budget('{"name":"x","monthlyAmountJpy":1e400}'), 400);
    expectErrorShape(await budget('{"name":"x","monthlyAmountJpy":123456789012345678901234567890}'), 400);
    expectErrorShape(await budget(`{"name":"x","monthlyAmountJpy":10000,"thresholds":${"[".repeat(50_000)}${"]".repeat(50_000)}}`), 400);
    expectErrorShape(await budget(`${"{\"a\":".repeat(5_000)}1${"}".repeat(5_000)}`), 400);
    expectErrorShape(await budget("[1,2,3]"), 400);
    expectErrorShape(await budget('"text"'), 400);
    expectErrorShape(await budget("null"), 400);
    expectErrorShape(await budget(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d])), 400, "bad_request");
  });
});

describe("PATCH with nothing to change", () => {
  it("answers {} and unknown-only fields with a 400 'nothing to change', and changes nothing", async () => {
    for (const body of ["{}", '{"unknown":1}', ""]) {
      const answer = await send("PATCH", "/api/v1/orgs/bad-input", { headers: jsonHeaders, body });
      expectErrorShape(answer, 400, "validation_failed");
      expect(JSON.stringify(answer.json.error.details)).toContain("nothing to change");
    }
    const org = await send("GET", "/api/v1/orgs/bad-input");
    expect(org.json.legalNameJa).toBe("bad-input株式会社");
  });
});

describe("bodies", () => {
  it("refuses a body whose Content-Length is over the limit before reading any of it (413)", async () => {
    // Only the headers are sent: the answer must come without the 400 MB that was announced.
    let closedBy!: Promise<boolean>;
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/v1/invitations/abcdefghijklmnop/account", headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "content-length": 400 * 1024 * 1024 } }, (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: JSON.parse(text) }));
      });
      let answered = false;
      req.on("response", () => (answered = true));
      req.on("error", (error) => (answered ? undefined : reject(error)));
      closedBy = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), 3_000);
        req.on("close", () => (clearTimeout(timer), resolve(true)));
      });
      req.flushHeaders();
    });
    expectErrorShape(answer, 413, "payload_too_large");
    expect(answer.headers.connection).toBe("close");
    // …and the server hangs up instead of waiting for (or draining) the announced bytes.
    expect(await closedBy).toBe(true);
  });

  it("stops reading a streamed body at the limit (413) instead of buffering all of it", async () => {
    // 64 KiB pieces, without Content-Length, until the server answers: it must answer soon after
    // the first MiB, not after the 200 MiB the client would send.
    const piece = Buffer.alloc(64 * 1024, 0x61);
    const result = await new Promise<{ status: number; sentBytes: number; code: string }>((resolve, reject) => {
      let sent = 0;
      let stop = false;
      const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/api/v1/invitations/abcdefghijklmnop/account", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } }, (res) => {
        stop = true;
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, sentBytes: sent, code: JSON.parse(text).error.code }));
      });
      req.on("error", (error) => (stop ? undefined : reject(error)));
      const pump = () => {
        while (!stop && sent < 200 * 1024 * 1024) {
          sent += piece.length;
          if (!req.write(piece)) return void req.once("drain", pump);
        }
        if (!stop) req.end();
      };
      req.write('"');
      pump();
    });
    expect(result.status).toBe(413);
    expect(result.code).toBe("payload_too_large");
    expect(result.sentBytes).toBeLessThan(32 * 1024 * 1024);
  });

  it("does not stall a keep-alive connection after answering before the body was read", async () => {
    // One connection: a request refused early (its 1 MB body unread), then a normal one.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const body = Buffer.from(JSON.stringify({ name: "x".repeat(1_000_000), monthlyAmountJpy: 1 }));
    const call = (method: string, path: string, payload?: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, method, path, agent, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(payload ? { "content-length": payload.length } : {}) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.setTimeout(5_000, () => reject(new Error(`${method} ${path} got no answer`)));
        req.on("error", () => undefined);
        req.end(payload);
      });
    try {
      expect(await call("POST", "/api/v1/orgs/bad-input/budgets?x=%00", body)).toBe(400);
      expect(await call("GET", "/api/v1/orgs/bad-input")).toBe(200);
      expect(await call("POST", "/api/v1/orgs/bad-input/budgets", Buffer.concat([body, body]))).toBe(413);
      expect(await call("GET", "/api/v1/orgs/bad-input")).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it("counts bytes, not UTF-16 units: 1.5 MB of Japanese text is over the 1 MiB limit", async () => {
    const name = "あ".repeat(500_000); // 500,000 characters, 1,500,000 bytes in UTF-8
    const answer = await send("POST", "/api/v1/invitations/abcdefghijklmnop/account", { headers: jsonHeaders, body: JSON.stringify({ name, password: "0123456789" }) });
    expectErrorShape(answer, 413, "payload_too_large");
  });

  it("answers a JSON body sent as another content type with 415", async () => {
    const body = JSON.stringify({ name: "予算", monthlyAmountJpy: 10_000 });
    expectErrorShape(await send("POST", "/api/v1/orgs/bad-input/budgets", { headers: { "content-type": "text/plain" }, body }), 415, "unsupported_media_type");
    expectErrorShape(await send("POST", "/api/v1/orgs/bad-input/budgets", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=x" }), 415, "unsupported_media_type");
    expectErrorShape(await send("POST", "/api/v1/orgs/bad-input/budgets", { body }), 415, "unsupported_media_type");
    const created = await send("POST", "/api/v1/orgs/bad-input/budgets", { headers: { "content-type": "application/json; charset=utf-8" }, body });
    expect(created.status).toBe(201);
  });
});
