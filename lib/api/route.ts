import "server-only";
import type { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import { clientAddressOf } from "@/lib/auth/client-address";
import type { Principal, RequestContext } from "@/lib/auth/principal";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { localeFromAcceptLanguage, type Locale } from "@/lib/i18n/locales";
import { errorPayload } from "./error-response";
import { beginIdempotentRequest, NO_IDEMPOTENCY, type IdempotencySpec, type IdempotentRequest, type RouteIdempotency } from "./idempotent-request";
import { guardInput, guardQuery } from "./input-guard";
import { apiRateLimiter } from "./rate-limit";
import { BodyTooLargeError, readJsonBody } from "./request-body";
import { resolvePrincipal } from "./resolve-principal";
import type { ApiResult } from "./responses";
import { isSameOrigin } from "./same-origin";

// The one wrapper every /api/v1 route goes through (conventions.md §4): request id, principal
// (cookie or bearer token), CSRF check for cookie-authenticated mutations, rate limit, input
// validation, Idempotency-Key, error mapping. A handler cannot forget any of them.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

interface Spec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** "public" routes (catalog, health, OpenAPI) resolve a principal when present but need none. */
  auth?: "required" | "public";
  params?: P;
  query?: Q;
  body?: B;
  /** Creates accept an Idempotency-Key header: a repeat returns the first result (secret fields withheld). */
  idempotent?: IdempotencySpec;
  /** false: a call the browser makes by itself (the live stream) does not extend the session. */
  slidesSession?: boolean;
}

export interface HandlerContext<P, Q, B> {
  request: Request;
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  locale: Locale;
  db: Db;
  /** The request's Idempotency-Key claim: lets a service commit its answer with its work. */
  idempotency: RouteIdempotency;
}

interface PublicHandlerContext<P, Q, B> extends Omit<HandlerContext<P, Q, B>, "principal"> {
  principal: Principal | null;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
type RouteContext = { params: Promise<any> };

function requestIdOf(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && /^[A-Za-z0-9_.:-]{8,100}$/.test(given) ? given : newId("request");
}

/** Set by the console's own server from the socket (and trusted proxies only): see lib/auth/client-address.ts. */
function clientIp(request: Request): string | null {
  return clientAddressOf(request.headers);
}

function json(status: number, body: unknown, headers: Record<string, string>): Response {
  if (status === 204 || body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: Spec<P, Q, B> & { auth: "public" },
  handler: (ctx: PublicHandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<ApiResult | Response>,
): (request: Request, ctx: RouteContext) => Promise<Response>;
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: Spec<P, Q, B>,
  handler: (ctx: HandlerContext<Infer<P>, Infer<Q>, Infer<B>>) => Promise<ApiResult | Response>,
): (request: Request, ctx: RouteContext) => Promise<Response>;
export function apiRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
  spec: Spec<P, Q, B>,
  handler: (ctx: any) => Promise<ApiResult | Response>,
) {
  return async (request: Request, routeContext: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(request);
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    const headers: Record<string, string> = { "x-request-id": requestId, "cache-control": "no-store" };
    const method = request.method.toUpperCase();
    let idempotency: IdempotentRequest | null = null;
    try {
      const db = await getDb();
      const context: RequestContext = { requestId, ip: clientIp(request), userAgent: request.headers.get("user-agent"), locale };
      const resolution = await resolvePrincipal(db, request, context);
      if (resolution.kind === "invalid_token") throw new AppError("unauthenticated", "invalid or expired token");
      const principal = resolution.kind === "principal" ? resolution.principal : null;
      if (!principal && spec.auth !== "public") throw new AppError("unauthenticated");
      if (resolution.kind === "principal" && resolution.via === "session") {
        if (!SAFE_METHODS.has(method) && !isSameOrigin(request)) throw new AppError("csrf_failed");
        // Sliding expiry: an older session's answer carries its renewed cookie.
        if (resolution.setCookie && spec.slidesSession !== false) headers["set-cookie"] = resolution.setCookie;
      }

      const limit = apiRateLimiter().take(principal ? `p:${principal.tokenId ?? principal.userId}` : `ip:${context.ip ?? "unknown"}`);
      headers["ratelimit-limit"] = String(limit.limit);
      headers["ratelimit-remaining"] = String(limit.remaining);
      if (!limit.allowed) {
        headers["retry-after"] = String(limit.retryAfterSeconds);
        throw new AppError("rate_limited");
      }

      // NUL characters and absurd nesting are refused here, for every route, before any schema.
      const rawParams: unknown = (await routeContext?.params) ?? {};
      guardInput("params", rawParams);
      const searchParams = new URL(request.url).searchParams;
      guardQuery(searchParams);
      const params = spec.params ? spec.params.parse(rawParams) : undefined;
      const query = spec.query ? spec.query.parse(Object.fromEntries(searchParams)) : undefined;
      let rawBody = "";
      let body: unknown = undefined;
      if (spec.body) {
        const read = await readJsonBody(request).catch((error: unknown) => {
          // The unread rest of a refused body is not drained: the connection closes after the answer.
          if (error instanceof BodyTooLargeError) headers.connection = "close";
          throw error;
        });
        rawBody = read.raw;
        guardInput("body", read.value);
        // Only an empty body stands for "{}"; a JSON null is a value of the wrong type.
        body = spec.body.parse(read.value === undefined ? {} : read.value);
      }

      const idempotencyKey = request.headers.get("idempotency-key");
      if (spec.idempotent && idempotencyKey && method === "POST" && principal) {
        const begun = await beginIdempotentRequest(db, spec.idempotent, { principal, request, key: idempotencyKey, rawBody });
        if (begun.kind === "replay") {
          return json(begun.response.status, begun.response.body, { ...begun.response.headers, ...headers, "idempotent-replayed": "true" });
        }
        if (begun.kind === "busy") {
          headers["retry-after"] = String(begun.retryAfterSeconds);
          throw new AppError("conflict", "a request with this Idempotency-Key is still in progress");
        }
        idempotency = begun;
      }

      const result = await handler({ request, principal, params, query, body, requestId, locale, db, idempotency: idempotency?.route ?? NO_IDEMPOTENCY });
      if (result instanceof Response) {
        for (const [k, v] of Object.entries(headers)) result.headers.set(k, v);
        await idempotency?.fail();
        return result;
      }
      await idempotency?.succeed(result);
      return json(result.status, result.body, { ...(result.headers ?? {}), ...headers });
    } catch (error) {
      await idempotency?.fail().catch(() => undefined);
      const { status, body } = errorPayload(error, requestId, locale);
      return json(status, body, headers);
    }
  };
}
