import createClient, { type Client } from "openapi-fetch";
import { ApiError, apiErrorFrom } from "./api-error";
import type { paths } from "./generated/openapi";

// The Hinoki SDK: openapi-fetch over the types generated from the OpenAPI document, so a path,
// a parameter or a field the API does not have is a type error where it is used. Every caller —
// the console's own hooks, the `hinoki` CLI, the MCP server — goes through this one client:
//   - a failed call throws ApiError (status, code, message, details, requestId), never returns it;
//   - every mutation carries an Idempotency-Key (one per call, kept across its retries), so a
//     retry after a lost answer returns the first result instead of doing the work twice;
//   - a GET, or a mutation with its key, is retried after a network error, a 503 or a 409 "still in
//     progress" (Retry-After honoured), a few times.

export type HinokiClient = Client<paths>;

export interface HinokiClientOptions {
  /** The console's origin, e.g. https://console.hinoki.example; "" in the browser (same origin). */
  baseUrl?: string;
  /** An API token (hk_…), sent as a Bearer token. Without it, the session cookie (browser). */
  token?: string;
  /** Language of error messages (the API answers in Japanese by default). */
  acceptLanguage?: string;
  /** Names the caller in the audit log (e.g. hinoki-cli/0.1.0); ignored by browsers. */
  userAgent?: string;
  /** Retries after a network error, 503 or 409-in-progress. Default 2; the console passes 0 (react-query retries). */
  retries?: number;
  fetch?: typeof globalThis.fetch;
}

const MUTATIONS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const MAX_WAIT_MS = 10_000;

export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

function retryDelayMs(response: Response | undefined, attempt: number): number {
  const after = Number(response?.headers.get("retry-after"));
  if (Number.isFinite(after) && after > 0) return Math.min(after * 1000, MAX_WAIT_MS);
  return Math.min(500 * 2 ** attempt, MAX_WAIT_MS);
}

const sleep = (ms: number, signal?: AbortSignal | null) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });

function isAbort(error: unknown): boolean {
  return (error as Error)?.name === "AbortError" || (error as Error)?.name === "TimeoutError";
}

/** The fetch the SDK gives openapi-fetch: headers, keys, retries and the one error. */
function hinokiFetch(options: HinokiClientOptions): (request: Request) => Promise<Response> {
  const base = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const retries = options.retries ?? 2;
  return async (original) => {
    const request = new Request(original);
    const headers = request.headers;
    headers.set("accept", headers.get("accept") ?? "application/json");
    if (options.token) headers.set("authorization", `Bearer ${options.token}`);
    if (options.acceptLanguage && !headers.has("accept-language")) headers.set("accept-language", options.acceptLanguage);
    if (options.userAgent && typeof window === "undefined") headers.set("user-agent", options.userAgent);
    const mutation = MUTATIONS.has(request.method);
    if (mutation && !headers.get("idempotency-key")) headers.set("idempotency-key", newIdempotencyKey());

    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      try {
        response = await base(request.clone());
      } catch (error) {
        if (isAbort(error)) throw error;
        if (attempt >= retries) throw new ApiError(0, "network", `network error: ${(error as Error)?.message ?? String(error)}`);
      }
      if (response) {
        if (response.ok || response.status === 304) return response;
        const retryable = response.status === 503 || (response.status === 409 && response.headers.has("retry-after"));
        if (!retryable || attempt >= retries) throw await apiErrorFrom(response);
        await response.body?.cancel().catch(() => undefined);
      }
      await sleep(retryDelayMs(response, attempt), request.signal);
    }
  };
}

export function createHinokiClient(options: HinokiClientOptions = {}): HinokiClient {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? "",
    fetch: hinokiFetch(options),
    credentials: options.token ? "omit" : "same-origin",
  });
}

/**
 * The body of a call that succeeded (the SDK throws ApiError for every other outcome):
 * `const clusters = await ok(api.GET("/api/v1/orgs/{org}/clusters", { params: { path: { org } } }))`.
 */
export async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
