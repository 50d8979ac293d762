import "server-only";
import http from "node:http";
import { timingSafeEqual } from "node:crypto";
import {
  CapacityFilter,
  ChatCompletionRequest,
  ClusterChange,
  ClusterSpec,
  EndpointChange,
  EndpointSpec,
  IssueClusterCredentialsInput,
} from "@/lib/domain/control-plane";
import { ReservationAvailabilityQuery, ReservationSpec } from "@/lib/domain/control-plane-reservations";
import { AppError, isAppError } from "@/lib/domain/errors";
import { InjectHardwareFaultInput } from "@/lib/domain/telemetry";
import { isInferStream, type ControlPlane } from "../control-plane";
import { parseInput } from "../validation";
import { openApiDocument } from "./openapi";
import { route, type Route } from "./router";
import { writeSse } from "../sse";

// A small plain-Node HTTP server in front of a ControlPlane (the simulator when run by
// `npm run control-plane`). JSON in and out; streaming inference as server-sent events; one
// error shape, { error: { code, message, details } }, with the status of lib/domain/errors.

/** Hooks for tests of the HTTP path, enabled only when the server runs on a manual clock. */
export interface TestControls {
  advance(ms: number): Promise<{ now: string }>;
  /** Hardware fault injection (issue 19). */
  injectHardwareFault?(nodeId: string, fault: string, gpuIndex?: number): Promise<void>;
}

export interface ServerOptions {
  controlPlane: ControlPlane;
  /** When set, every request but /health and /openapi.json needs `Authorization: Bearer <token>`. */
  token?: string;
  testControls?: TestControls | null;
}

const MAX_BODY_BYTES = 1 << 20;

class HttpResult {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

function readBody(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AppError("payload_too_large", "request body over 1 MiB"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (size === 0) return resolve(undefined);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        reject(new AppError("bad_request", "body is not valid JSON"));
      }
    });
    req.on("error", reject);
  });
}

function idempotencyKey(req: http.IncomingMessage): string {
  const key = req.headers["idempotency-key"];
  if (typeof key !== "string" || key.length === 0) throw new AppError("validation_failed", "the Idempotency-Key header is required");
  return key;
}

function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (!value) throw new AppError("validation_failed", `query parameter ${name} is required`);
  return value;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(payload) });
  res.end(payload);
}

function sendError(res: http.ServerResponse, error: unknown): void {
  if (isAppError(error)) {
    const body = { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } };
    return sendJson(res, error.status, body);
  }
  console.error("[control-plane] unexpected error:", error);
  sendJson(res, 500, { error: { code: "internal", message: "internal error" } });
}

function authorized(req: http.IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? "";
  const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function routes(cp: ControlPlane, testControls: TestControls | null | undefined): Route[] {
  const accepted = (body: unknown) => new HttpResult(202, body);
  const list: Route[] = [
    route("GET", "/health", async () => cp.health()),
    route("GET", "/openapi.json", async () => openApiDocument()),
    route("GET", "/v1/capacity", async ({ query }) =>
      cp.getCapacity(parseInput(CapacityFilter, { regionId: query.get("regionId") ?? undefined, zoneId: query.get("zoneId") ?? undefined, shapeId: query.get("shapeId") ?? undefined })),
    ),
    route("GET", "/v1/clusters", async ({ query }) => cp.listClusters(requiredQuery(query, "tenantId"))),
    route("POST", "/v1/clusters", async ({ req, body }) => accepted(await cp.createCluster(parseInput(ClusterSpec, body), idempotencyKey(req)))),
    route("GET", "/v1/clusters/:id", async ({ params }) => cp.getCluster(params.id)),
    route("PATCH", "/v1/clusters/:id", async ({ req, params, body }) => accepted(await cp.updateCluster(params.id, parseInput(ClusterChange, body), idempotencyKey(req)))),
    route("DELETE", "/v1/clusters/:id", async ({ req, params }) => accepted(await cp.deleteCluster(params.id, idempotencyKey(req)))),
    route("POST", "/v1/clusters/:id/credentials", async ({ params, body }) =>
      new HttpResult(201, await cp.issueClusterCredentials(params.id, parseInput(IssueClusterCredentialsInput, body).ttlSeconds)),
    ),
    route("GET", "/v1/endpoints", async ({ query }) => cp.listEndpoints(requiredQuery(query, "tenantId"))),
    route("POST", "/v1/endpoints", async ({ req, body }) => accepted(await cp.createEndpoint(parseInput(EndpointSpec, body), idempotencyKey(req)))),
    route("GET", "/v1/endpoints/:id", async ({ params }) => cp.getEndpoint(params.id)),
    route("PATCH", "/v1/endpoints/:id", async ({ req, params, body }) => accepted(await cp.updateEndpoint(params.id, parseInput(EndpointChange, body), idempotencyKey(req)))),
    route("DELETE", "/v1/endpoints/:id", async ({ req, params }) => accepted(await cp.deleteEndpoint(params.id, idempotencyKey(req)))),
    route("POST", "/v1/endpoints/:id/chat/completions", async ({ params, body, query }) =>
      cp.infer(params.id, parseInput(ChatCompletionRequest, body), { workload: query.get("workload") === "batch" ? "batch" : "interactive" }),
    ),
    route("GET", "/v1/capacity/outlook", async ({ query }) => cp.getReleaseOutlook(requiredQuery(query, "zoneId"), requiredQuery(query, "shapeId"))),
    route("POST", "/v1/reservations/availability", async ({ body }) => cp.checkReservation(parseInput(ReservationAvailabilityQuery, body))),
    route("GET", "/v1/reservations", async ({ query }) => cp.listReservations(requiredQuery(query, "tenantId"))),
    route("POST", "/v1/reservations", async ({ body }) => new HttpResult(201, await cp.createReservation(parseInput(ReservationSpec, body)))),
    route("GET", "/v1/reservations/:id", async ({ params }) => cp.getReservation(params.id)),
    route("DELETE", "/v1/reservations/:id", async ({ params }) => cp.cancelReservation(params.id)),
    route("GET", "/v1/operations", async ({ query }) => cp.listOperations(requiredQuery(query, "tenantId"), query.get("targetId") ?? undefined)),
    route("GET", "/v1/operations/:id", async ({ params }) => cp.getOperation(params.id)),
    route("GET", "/v1/metering", async ({ query }) => cp.meteringSince(query.get("cursor"), Number(query.get("limit") ?? 500))),
    route("GET", "/v1/evidence/:id", async ({ params }) => cp.getEvidence(params.id)),
    route("GET", "/v1/telemetry", async ({ query }) => cp.telemetrySince(query.get("cursor"), Number(query.get("limit") ?? 5000))),
    route("GET", "/v1/endpoints/:id/scaling-events", async ({ params, query }) => cp.listScalingEvents(params.id, query.get("cursor"), Number(query.get("limit") ?? 50))),
    route("GET", "/v1/health-events", async ({ query }) => cp.healthEventsSince(query.get("cursor"), Number(query.get("limit") ?? 500))),
  ];
  if (testControls) {
    list.push(route("POST", "/_sim/advance", async ({ body }) => testControls.advance(Number((body as { ms?: unknown } | undefined)?.ms ?? 0))));
    const inject = testControls.injectHardwareFault;
    if (inject) {
      list.push(
        route("POST", "/_sim/hardware-faults", async ({ body }) => {
          const { nodeId, fault, gpuIndex } = parseInput(InjectHardwareFaultInput, body);
          await inject(nodeId, fault, gpuIndex);
          return { injected: true };
        }),
      );
    }
  }
  return list;
}

/** What tests may ask of the server itself: drop the next N responses after doing the work. */
interface Faults {
  dropResponses: number;
}

export function createControlPlaneServer(options: ServerOptions): http.Server {
  const table = routes(options.controlPlane, options.testControls);
  const faults: Faults = { dropResponses: 0 };
  const open = new Set(["/health", "/openapi.json"]);

  return http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://control-plane");
      if (!open.has(url.pathname) && !authorized(req, options.token)) throw new AppError("unauthenticated", "a valid bearer token is required");
      if (options.testControls && url.pathname === "/_sim/faults") {
        if (req.method === "POST") faults.dropResponses = Number(((await readBody(req)) as { dropResponses?: number } | undefined)?.dropResponses ?? 0);
        return sendJson(res, 200, faults);
      }
      const match = matchRoute(table, req.method ?? "GET", url.pathname);
      const body = req.method === "GET" || req.method === "DELETE" ? undefined : await readBody(req);
      const result = await match.handler({ req, params: match.params, query: url.searchParams, body });
      if (faults.dropResponses > 0 && req.method !== "GET") {
        // Simulates a response lost on the way back: the work is done, the client never hears.
        faults.dropResponses--;
        if (result && typeof result === "object" && isInferStream(result as never)) await (result as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
        req.socket.destroy();
        return;
      }
      if (result && typeof result === "object" && !(result instanceof HttpResult) && isInferStream(result as never)) {
        return await writeSse(req, res, result as AsyncIterable<unknown>);
      }
      if (result instanceof HttpResult) return sendJson(res, result.status, result.body);
      sendJson(res, 200, result);
    } catch (error) {
      if (!res.headersSent) sendError(res, error);
      else res.destroy();
    }
  });
}

function matchRoute(table: Route[], method: string, pathname: string) {
  let pathMatched = false;
  for (const r of table) {
    const params = r.match(pathname);
    if (!params) continue;
    pathMatched = true;
    if (r.method === method) return { handler: r.handler, params };
  }
  throw pathMatched ? new AppError("method_not_allowed", `${method} is not allowed here`) : new AppError("not_found", `no route for ${pathname}`);
}
