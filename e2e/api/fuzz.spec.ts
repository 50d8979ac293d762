import http from "node:http";
import { apiFromPage, expect, signIn, test, USERS } from "../fixtures";
import { generateRequests, hostilePages, operationsOf, type FuzzRequest } from "./fuzz-generator";

// A seeded, bounded fuzz of the whole API against the production server, generated from its own
// OpenAPI document: every operation, with broken escapes and NUL bytes in the path, hostile query
// values and cursors, spoiled bodies (missing and wrong fields, huge numbers, deep nesting, arrays
// for objects, invalid UTF-8, oversized, wrong content types), bad Idempotency-Keys — sent with a
// session cookie (through Next) and with API tokens (through the API edge), and without either.
// It asserts what a caller relies on: no answer is a 5xx, every 4xx of the API is the one error
// shape, and the server serves normally afterwards.
//
// It never touches another journey's data: it works in an organization of its own, and every
// mutation it sends is spoiled so that it must be refused (asserted below: no mutation succeeds).

const SEED = Number(process.env.HINOKI_FUZZ_SEED ?? 20261205);
const REQUESTS = Number(process.env.HINOKI_FUZZ_REQUESTS ?? 10_500);
const CONCURRENCY = 12;
/** Mutations that may succeed: harmless in the fuzz's own organization. */
// Mutations that take no input and change nothing another journey sees: marking the bell read,
// and starting (not enabling) an authenticator setup — a pending secret that replaces the last one.
const HARMLESS_MUTATIONS = new Set(["POST /api/v1/orgs/{org}/notifications/read-all", "POST /api/v1/me/mfa/totp"]);

interface Outcome {
  request: FuzzRequest;
  status: number;
  contentType: string;
  text: string;
  ms: number;
}

function send(base: URL, agent: http.Agent, request: FuzzRequest): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body && !request.chunked) headers["content-length"] = request.body.length;
    const req = http.request({ host: base.hostname, port: base.port, method: request.method, path: request.path, headers, agent }, (res) => {
      const contentType = String(res.headers["content-type"] ?? "");
      if (contentType.startsWith("text/event-stream")) {
        // A live event stream (GET …/events) stays open for minutes by design: its status and type
        // are the answer; the socket is closed rather than waited on.
        resolve({ request, status: res.statusCode ?? 0, contentType, text: "", ms: performance.now() - started });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () =>
        resolve({ request, status: res.statusCode ?? 0, contentType: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
      );
      res.on("error", () => resolve({ request, status: res.statusCode ?? -1, contentType: "", text: "", ms: performance.now() - started }));
    });
    // A server that refuses a body early closes the connection while it is still being sent.
    req.on("error", (error) => resolve({ request, status: -1, contentType: "", text: String(error), ms: performance.now() - started }));
    req.end(request.body);
  });
}

function isErrorShape(outcome: Outcome): boolean {
  if (!outcome.contentType.startsWith("application/json")) return false;
  try {
    const error = JSON.parse(outcome.text).error;
    return typeof error?.code === "string" && typeof error?.message === "string" && error.message.length > 0 && typeof error?.requestId === "string";
  } catch {
    return false;
  }
}

const describe = (o: Outcome) => `${o.status} ${o.request.method} ${o.request.path.slice(0, 160)} [${o.request.kind}] ${o.text.slice(0, 200)}`;

test("the whole API answers thousands of hostile requests with 4xx in the error shape, never a 5xx", async ({ page, baseURL, playwright }) => {
  // A hang guard, not a budget: 10,500 requests take about a minute alone, several on a busy machine.
  test.setTimeout(900_000);
  const base = new URL(baseURL!);

  // Its own organization and three tokens there (owner, viewer, developer: each has its own rate
  // limit bucket); the cookie is the owner's session.
  await signIn(page, USERS.owner);
  // Sorted after the demo org ("zz-"): a person's home is their first org by slug, and the other
  // journeys expect the owner to land in hinoki-motor.
  const orgSlug = `zz-fuzz-${Date.now().toString(36)}`;
  const org = await apiFromPage(page, "/api/v1/orgs", { method: "POST", body: { slug: orgSlug, legalNameJa: "ファズ株式会社", legalNameEn: "Fuzz K.K." } });
  expect(org.status).toBe(201);
  const tokens: string[] = [];
  for (const role of ["owner", "viewer", "developer"]) {
    const created = await apiFromPage(page, `/api/v1/orgs/${orgSlug}/api-tokens`, { method: "POST", body: { name: `fuzz-${role}`, role, expiresInDays: 1 } });
    expect(created.status).toBe(201);
    tokens.push(created.body.secret);
  }
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");

  const documentResponse = await playwright.request.newContext({ baseURL }).then((r) => r.get("/api/v1/openapi.json"));
  const operations = operationsOf(await documentResponse.json());
  expect(operations.length).toBeGreaterThan(60);
  const requests = generateRequests(operations, { orgSlug, cookie, origin: base.origin, tokens }, REQUESTS, SEED);

  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const outcomes: Outcome[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) outcomes.push(await send(base, agent, requests[next++]));
    }),
  );
  const pageOutcomes: Outcome[] = [];
  for (const path of hostilePages(orgSlug)) {
    pageOutcomes.push(await send(base, agent, { kind: "page", method: "GET", path, headers: { cookie, "accept-language": "ja" }, operation: "page" }));
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();

  // The figures, for the record of this run.
  const byStatus: Record<string, number> = {};
  for (const o of [...outcomes, ...pageOutcomes]) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  const summary = { seed: SEED, requests: outcomes.length, pages: pageOutcomes.length, operations: operations.length, seconds: Math.round(seconds), byStatus };
  console.log(`[fuzz] ${JSON.stringify(summary)}`);
  await test.info().attach("fuzz-summary.json", { body: JSON.stringify(summary, null, 2), contentType: "application/json" });

  expect(outcomes.length).toBeGreaterThanOrEqual(10_000);
  // Every operation of the document was exercised.
  expect(new Set(outcomes.map((o) => o.request.operation)).size).toBe(operations.length);

  const serverErrors = [...outcomes, ...pageOutcomes].filter((o) => o.status >= 500);
  expect(serverErrors.map(describe), "answers ≥ 500").toEqual([]);
  // A connection the server closed without any answer would hide an error; only a refused
  // oversized body may be cut off while it is still being sent.
  const noAnswer = outcomes.filter((o) => o.status === -1 && !o.request.kind.includes("body:oversized"));
  expect(noAnswer.map(describe), "requests without an answer").toEqual([]);
  const notErrorShape = outcomes.filter((o) => o.status >= 400 && o.status < 500 && !isErrorShape(o));
  expect(notErrorShape.map(describe), "4xx not in the error shape").toEqual([]);
  // A page path that cannot be decoded, or decodes to a NUL, is a 400 page (other hostile
  // segments such as "%2F" may render a page or its 404: anything but a 5xx, checked above).
  const undecodable = pageOutcomes.filter((o) => /%E0%A4%A|%E0%A4(?!%)|%zz|%C0%AF|%FF%FE|%00|\/%(?:\/|$)/.test(o.request.path));
  expect(undecodable.length).toBeGreaterThan(40);
  expect(undecodable.filter((o) => o.status !== 400 || !o.contentType.startsWith("text/html")).map(describe), "undecodable page paths not answered with a 400 page").toEqual([]);
  const succeededMutations = outcomes.filter((o) => o.request.method !== "GET" && o.status >= 200 && o.status < 300 && !HARMLESS_MUTATIONS.has(o.request.operation));
  expect(succeededMutations.map(describe), "mutations the fuzz meant to fail").toEqual([]);

  // Healthy afterwards: health, a cookie call and a token call answer normally and at once.
  const health = await send(base, new http.Agent(), { kind: "health", method: "GET", path: "/api/health", headers: {}, operation: "health" });
  expect(health.status).toBe(200);
  const me = await apiFromPage(page, "/api/v1/me");
  expect(me.status).toBe(200);
  const clusters = await send(base, new http.Agent(), { kind: "after", method: "GET", path: `/api/v1/orgs/${orgSlug}/clusters`, headers: { authorization: `Bearer ${tokens[0]}` }, operation: "after" });
  expect(clusters.status).toBe(200);
  // Nothing the fuzz sent changed anything: its organization's audit log holds only the set-up.
  const audit = await apiFromPage(page, `/api/v1/orgs/${orgSlug}/audit-events?limit=200`);
  expect(audit.status).toBe(200);
  const actions = [...new Set(audit.body.items.map((e: { action: string }) => e.action))].sort();
  console.log(`[fuzz] audit actions in its organization: ${actions.join(", ")}`);
  expect(actions).toEqual(["api_token.create", "org.create"]);
});
