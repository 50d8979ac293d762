import type { IncomingMessage, ServerResponse } from "node:http";
import { createHash } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { RateLimiter } from "@/lib/api/rate-limit";
import { ChatCompletionRequest, type ChatCompletionChunk } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { resolveEndpoint, resolveKey, type GatewayEndpoint } from "@/lib/services/endpoints/gateway-cache";
import { monthTokensUsed, nextBudgetResetAt } from "@/lib/services/endpoints/key-budget";
import { jstMonthOf } from "@/lib/domain/billing/jst";
import { runChatCompletion } from "@/lib/services/endpoints/run-inference";
import { directUpstreamUrl, proxyChatCompletion } from "./direct-upstream";
import { BATCH_PATH, handleBatchApi } from "./batch-api";
import { readJsonBody } from "./read-json-body";
import { ColdStartRefusal, coldStartHeaders, throughColdStart } from "./cold-start-queue";
import { CompletionRequest, toChatRequest, toTextCompletion, toTextCompletionChunk } from "./completions";
import { watchClient, whenWritable } from "@/lib/server/client-connection";
import { budgetSpent, invalidKey, missingKey, openAiError, toOpenAiError, type OpenAiError } from "./openai-errors";
import { positiveSetting } from "@/lib/server/env-settings";
import { processControlPlane } from "@/lib/services/process-control-plane";

// The inference gateway: `/inference/<endpointId>/v1/{models,chat/completions,completions}`,
// OpenAI-compatible, answered by a plain Node handler in front of Next (architecture.md, "Hot
// paths"). Per request: hash the key and find it in memory (the database is read once per key
// per TTL), take a rate-limit token, call the model through the control plane, stream the
// answer as server-sent events exactly as OpenAI does, and add the request to the in-memory
// metering roll-up. No database write happens here.

const PREFIX = "/inference/";

const LIMITER = Symbol.for("hinoki.gateway.rateLimiter");
type G = typeof globalThis & { [LIMITER]?: RateLimiter };

/** Per key: a burst, refilled at a steady rate (HINOKI_GATEWAY_RATE_BURST / _PER_SECOND). */
export function gatewayRateLimiter(): RateLimiter {
  const g = globalThis as G;
  g[LIMITER] ??= new RateLimiter(positiveSetting("HINOKI_GATEWAY_RATE_BURST", 120), positiveSetting("HINOKI_GATEWAY_RATE_PER_SECOND", 20));
  return g[LIMITER];
}

/** For tests: a fresh limiter with these numbers. */
export function setGatewayRateLimit(burst: number, perSecond: number): void {
  (globalThis as G)[LIMITER] = new RateLimiter(burst, perSecond);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "cache-control": "no-store", ...headers });
  res.end(payload);
}

function fail(res: ServerResponse, error: OpenAiError, headers: Record<string, string> = {}): void {
  send(res, error.status, error.body, headers);
}

async function streamSse(req: IncomingMessage, res: ServerResponse, chunks: AsyncGenerator<unknown>, headers: Record<string, string>): Promise<void> {
  // Followed from the start: a client gone while the model was being asked gets nothing written,
  // and one that leaves mid-stream is not waited for (the generator is closed, which meters it).
  const client = watchClient(res);
  try {
    if (client.gone) return;
    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no", ...headers });
    res.flushHeaders();
    for await (const chunk of chunks) {
      if (client.gone) break;
      if (!res.write(`data: ${JSON.stringify(chunk)}\n\n`)) await whenWritable(res, client.signal);
    }
    if (!client.gone) res.end("data: [DONE]\n\n");
  } catch (error) {
    // After the first byte the status is sent: OpenAI clients read an `error` object in the stream.
    if (!client.gone) res.end(`data: ${JSON.stringify(toOpenAiError(error).body)}\n\n`);
  } finally {
    client.dispose();
    await chunks.return(undefined);
  }
}

async function* mapChunks<T>(chunks: AsyncGenerator<ChatCompletionChunk>, map: (c: ChatCompletionChunk) => T): AsyncGenerator<T> {
  try {
    for await (const chunk of chunks) yield map(chunk);
  } finally {
    await chunks.return(undefined);
  }
}

function modelsList(endpoint: GatewayEndpoint) {
  const model = (id: string) => ({ id, object: "model", created: endpoint.createdAtSeconds, owned_by: "hinoki" });
  // The base model, then each LoRA adapter the endpoint serves as `<base>:<adapter>`.
  return { object: "list", data: [model(endpoint.modelId), ...endpoint.adapters.map((a) => model(`${endpoint.modelId}:${a}`))] };
}

/** One completion, waiting in the cold-start queue when the endpoint has no replica ready. */
async function completeThroughColdStart(endpoint: GatewayEndpoint, keyId: string, request: ChatCompletionRequest, headers: Record<string, string>) {
  const { result, waitedMs } = await throughColdStart(endpoint, async () => runChatCompletion(await processControlPlane(), endpoint, keyId, request), (late) => {
    if (late.kind === "stream") void late.stream.return(undefined);
  });
  if (waitedMs !== null) Object.assign(headers, coldStartHeaders(waitedMs));
  return result;
}

export async function handleInference(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newId("request");
  const headers: Record<string, string> = { "x-request-id": requestId };
  const url = req.url ?? "/";
  const path = url.split("?")[0];
  const match = /^\/inference\/([A-Za-z0-9_-]{1,64})\/v1\/(models|chat\/completions|completions|(?:files|batches)(?:\/[A-Za-z0-9_-]{1,64}(?:\/(?:content|cancel))?)?)\/?$/.exec(path);
  if (!match) return fail(res, openAiError(404, `Unknown path ${path}. The base URL is /inference/<endpoint id>/v1.`, "invalid_request_error", "unknown_url"), headers);
  const [, endpointId, operation] = match;
  const method = req.method ?? "GET";
  const batchApi = BATCH_PATH.test(operation);
  const expected = operation === "models" ? "GET" : "POST";
  if (!batchApi && method !== expected) return fail(res, openAiError(405, `Use ${expected} for /v1/${operation}.`, "invalid_request_error", "method_not_allowed"), { ...headers, allow: expected });

  const authorization = req.headers.authorization ?? "";
  const secret = authorization.startsWith("Bearer ") ? authorization.slice(7).trim() : "";
  if (!secret) return fail(res, missingKey(), headers);
  const hash = createHash("sha256").update(secret).digest("hex");

  try {
    const key = await resolveKey(getDb, hash);
    if (!key || key.endpointId !== endpointId) return fail(res, invalidKey(secret), headers);
    const limit = gatewayRateLimiter().take(key.keyId);
    headers["x-ratelimit-limit-requests"] = String(limit.limit);
    headers["x-ratelimit-remaining-requests"] = String(limit.remaining);
    if (!limit.allowed) return fail(res, toOpenAiError(new AppError("rate_limited")), { ...headers, "retry-after": String(limit.retryAfterSeconds) });
    const spendsTokens = operation === "chat/completions" || operation === "completions" || (operation === "batches" && method === "POST");
    if (key.monthlyTokenBudget !== null && spendsTokens) {
      const now = Date.now();
      const used = await monthTokensUsed(getDb, key.keyId, now);
      headers["x-hinoki-budget-remaining-tokens"] = String(Math.max(0, key.monthlyTokenBudget - used));
      if (used >= key.monthlyTokenBudget) return fail(res, budgetSpent(key.monthlyTokenBudget, used, jstMonthOf(now), nextBudgetResetAt(now)), { ...headers, "x-should-retry": "false" });
    }

    const endpoint = await resolveEndpoint(getDb, key.orgId, endpointId);
    if (!endpoint) return fail(res, openAiError(404, "This endpoint does not exist (it may have been deleted).", "invalid_request_error", "endpoint_not_found"), headers);
    if (endpoint.simulated) headers["x-hinoki-simulated"] = "true";
    if (operation === "models") return send(res, 200, modelsList(endpoint), headers);
    if (batchApi) {
      const error = await handleBatchApi(req, res, { orgId: key.orgId, endpointId, keyId: key.keyId, requestId }, operation, (status, body) => send(res, status, body, headers));
      return error ? fail(res, error, headers) : undefined;
    }

    const body = await readJsonBody(req);
    if (operation === "chat/completions") {
      const request = ChatCompletionRequest.parse(body);
      const direct = directUpstreamUrl();
      if (direct) return proxyChatCompletion(req, res, direct, endpoint, key.keyId, request, headers);
      const result = await completeThroughColdStart(endpoint, key.keyId, request, headers);
      if (result.coldStartMs !== null) headers["x-hinoki-cold-start-ms"] = String(Math.round(result.coldStartMs));
      if (result.kind === "completion") return send(res, 200, result.completion, headers);
      return streamSse(req, res, result.stream, headers);
    }
    const request = CompletionRequest.parse(body);
    const result = await completeThroughColdStart(endpoint, key.keyId, toChatRequest(request), headers);
    if (result.coldStartMs !== null) headers["x-hinoki-cold-start-ms"] = String(Math.round(result.coldStartMs));
    if (result.kind === "completion") return send(res, 200, toTextCompletion(result.completion), headers);
    return streamSse(req, res, mapChunks(result.stream, toTextCompletionChunk), headers);
  } catch (error) {
    if (res.headersSent) {
      res.end();
      return;
    }
    if (error instanceof ColdStartRefusal) return fail(res, error.error, { ...headers, ...coldStartHeaders(0), "retry-after": String(error.retryAfterSeconds) });
    return fail(res, toOpenAiError(error), headers);
  }
}

export function matchesInference(req: IncomingMessage): boolean {
  return (req.url ?? "").startsWith(PREFIX);
}
