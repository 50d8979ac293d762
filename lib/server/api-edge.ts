import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { errorPayload } from "@/lib/api/error-response";
import { newId } from "@/lib/domain/ids";
import { localeFromAcceptLanguage } from "@/lib/i18n/locales";
import { sessionCookieOf } from "@/lib/auth/session-cookie";
import type { EdgeHandler } from "./edge-handlers";
import { routeTable, type RouteFile, type RouteMatch } from "./api-route-table";

// The path into the API for automation (a bearer token: CI pipelines, Terraform, scripts) and
// for the browser (Auth.js's session cookie). Either runs the very same route handler — the same
// apiRoute wrapper: principal, CSRF, rate limit, validation, Idempotency-Key, audit — but is
// dispatched here in plain Node instead of through Next's router and renderer, which cost as much
// as the handler itself (benchmark: the clusters list answered ~550 req/s through Next and
// ~1,000 req/s here on the same machine). A session cookie is read with Auth.js's own JWT
// functions (lib/auth/session-principal.ts), so it needs no Next request context.
//
// Anything else (anonymous calls) and anything this table does not match (404s, 405s, HEAD and
// OPTIONS without a handler) go to Next, so Next's answers for those stay the only ones.

const BEARER = /^bearer\s+\S/i;
const BODYLESS = new Set(["GET", "HEAD"]);

const HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

function originOf(req: IncomingMessage): string {
  // Same origin as Next builds for route handlers: the Host header over plain HTTP (TLS ends
  // at the load balancer in front of the console). Handlers use the URL for its path and query
  // only, so a malformed Host header must not turn into a 500: it becomes "localhost".
  const host = req.headers.host;
  return `http://${host && HOST.test(host) ? host : "localhost"}`;
}

function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  const method = req.method ?? "GET";
  const body = BODYLESS.has(method) ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
  return new Request(originOf(req) + (req.url ?? "/"), { method, headers, body, duplex: "half" } as RequestInit);
}

async function writeWebResponse(response: Response, res: ServerResponse, req: IncomingMessage): Promise<void> {
  // The client left while the handler worked: its `close` has fired already, so a listener added
  // below would never hear it and the loop would wait for a drain that never comes.
  if (res.destroyed) {
    await response.body?.cancel().catch(() => undefined);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // Answered before the request body was read to its end (a 401, a refused query, a body over
  // the limit): the unread rest is stuck in a paused stream, and the next request on this
  // keep-alive connection would wait behind it for ever. Close the connection after the answer.
  if (!req.complete) headers.connection = "close";
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  // Chunks go out as the handler produces them (CSV and PDF downloads stream); a client that
  // goes away cancels the handler's stream. A plain reader loop: most bodies are one small JSON
  // chunk, for which stream adapters and pipeline() cost more than the write itself.
  const reader = response.body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  res.once("close", cancel);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      // Wait for the socket to drain — or to close, after which the cancelled reader ends the loop.
      if (!res.write(value)) await new Promise((resolve) => (res.once("drain", resolve), res.once("close", resolve)));
    }
    res.end();
  } catch (error) {
    console.error("[api-edge] response stream failed", error);
    res.destroy(error instanceof Error ? error : undefined);
  } finally {
    res.off("close", cancel);
  }
}

export function apiEdgeHandler(files: readonly RouteFile[]): EdgeHandler {
  const table = routeTable(files);
  const matches = new WeakMap<IncomingMessage, RouteMatch>();
  return {
    name: "api",
    matches(req) {
      const url = req.url ?? "";
      if (!url.startsWith("/api/v1/")) return false;
      if (!BEARER.test(String(req.headers.authorization ?? "")) && !sessionCookieOf(req.headers.cookie)) return false;
      const query = url.indexOf("?");
      const match = table.match(req.method ?? "GET", query === -1 ? url : url.slice(0, query));
      if (match) matches.set(req, match);
      return match !== null;
    },
    async handle(req, res) {
      const match = matches.get(req)!;
      let response: Response;
      try {
        response = await match.handler(toWebRequest(req), { params: Promise.resolve(match.params) });
      } catch (error) {
        // apiRoute maps every error itself; this only catches a handler that escaped it.
        console.error(`[api-edge] ${req.method} ${match.path}`, error);
        const requestId = newId("request");
        const { status, body } = errorPayload(error, requestId, localeFromAcceptLanguage(req.headers["accept-language"] ?? null));
        response = Response.json(body, { status, headers: { "x-request-id": requestId } });
      }
      await writeWebResponse(response, res, req);
    },
  };
}
