import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { endpoints } from "@/lib/db/schema";
import { isInferStream, type ControlPlane } from "@/lib/control-plane";
import { countPromptTokens } from "@/lib/control-plane/sim/text";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionRequest } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { gatewayCaches, trackInteractive, type GatewayEndpoint } from "./gateway-cache";
import { recordRequest } from "./metering-buffer";
import { servedAdapter, upstreamModel } from "../adapters/served-model";

// One completion through the control plane, metered: the inference gateway (endpoint API keys)
// and the console's playground (the signed-in user) both come through here, so what the
// metrics show is exactly what was served — requests, tokens in and out, latency, time to
// first token, and the cold start when a request woke a scaled-to-zero endpoint.

/** A replica that served within this window is taken as warm without asking the database. */
const WARM_WINDOW_MS = 60_000;

export type InferenceResult =
  | { kind: "completion"; completion: ChatCompletion; coldStartMs: number | null }
  | { kind: "stream"; stream: AsyncGenerator<ChatCompletionChunk>; coldStartMs: number | null };


export async function mightBeCold(endpoint: GatewayEndpoint, nowMs: number): Promise<boolean> {
  const caches = gatewayCaches();
  const last = caches.lastServed.get(endpoint.id) ?? 0;
  if (nowMs - last < WARM_WINDOW_MS) return false;
  if (endpoint.replicasReady > 0) return false;
  // The cache said zero ready replicas: confirm with the console's record (the sync task keeps
  // it within seconds of the control plane) before counting a cold start.
  const db = await getDb();
  const [row] = await db
    .select({ ready: endpoints.replicasReady })
    .from(endpoints)
    .where(and(eq(endpoints.orgId, endpoint.orgId), eq(endpoints.id, endpoint.id)))
    .limit(1);
  return (row?.ready ?? 0) === 0;
}

/** Both inference paths (in process and straight to a remote control plane) refuse alike; returns the adapter that answers (null = the base model). */
export function assertServes(endpoint: GatewayEndpoint, request: ChatCompletionRequest): string | null {
  if (endpoint.status !== "running" && endpoint.status !== "updating") {
    throw new AppError("conflict", `endpoint is ${endpoint.status}`, { status: endpoint.status });
  }
  return servedAdapter(endpoint, request.model);
}

export async function runChatCompletion(cp: ControlPlane, endpoint: GatewayEndpoint, keyId: string | null, request: ChatCompletionRequest, options: { background?: boolean } = {}): Promise<InferenceResult> {
  const adapter = assertServes(endpoint, request);
  // Batch work yields to interactive traffic: it counts what is in flight, and is not counted itself.
  const finished = options.background ? () => undefined : trackInteractive(endpoint.id);
  try {
    const result = await runMetered(cp, endpoint, adapter, keyId, request, finished, options.background ? "batch" : "interactive");
    if (result.kind === "completion") finished();
    return result;
  } catch (error) {
    finished();
    throw error;
  }
}

async function runMetered(cp: ControlPlane, endpoint: GatewayEndpoint, adapter: string | null, keyId: string | null, request: ChatCompletionRequest, finished: () => void, workload: "interactive" | "batch"): Promise<InferenceResult> {
  const startedAt = performance.now();
  const atMs = Date.now();
  const cold = await mightBeCold(endpoint, atMs);
  // While this request wakes the endpoint, the others that arrive wait with it but are not cold starts of their own.
  gatewayCaches().lastServed.set(endpoint.id, atMs);

  const clientWantsUsage = request.stream === true && request.stream_options?.include_usage === true;
  const servedModel = upstreamModel(endpoint, adapter);
  const upstream: ChatCompletionRequest = {
    ...request,
    model: servedModel,
    ...(request.stream ? { stream_options: { include_usage: true } } : {}),
  };
  const base = { endpointId: endpoint.id, orgId: endpoint.orgId, keyId, adapter };

  let result: ChatCompletion | AsyncIterable<ChatCompletionChunk>;
  try {
    // Batch work is metered by the control plane on its own meter (billed at the batch discount).
    result = await cp.infer(endpoint.id, upstream, { workload });
  } catch (error) {
    recordRequest({ ...base, ok: false, inputTokens: 0, outputTokens: 0, latencyMs: performance.now() - startedAt, ttftMs: null, coldStartMs: null, atMs });
    throw error;
  }
  const waitedMs = performance.now() - startedAt;
  const coldStartMs = cold ? waitedMs : null;
  gatewayCaches().lastServed.set(endpoint.id, Date.now());

  if (!isInferStream(result)) {
    const completion = { ...result, model: servedModel ?? endpoint.modelId };
    recordRequest({
      ...base,
      ok: true,
      inputTokens: completion.usage.prompt_tokens,
      outputTokens: completion.usage.completion_tokens,
      latencyMs: performance.now() - startedAt,
      ttftMs: null,
      coldStartMs,
      atMs,
    });
    return { kind: "completion", completion, coldStartMs };
  }

  const chunks = result;
  async function* metered(): AsyncGenerator<ChatCompletionChunk> {
    let ttftMs: number | null = null;
    let delivered = 0;
    let usage: ChatCompletionChunk["usage"] = null;
    let ok = false;
    try {
      for await (const chunk of chunks) {
        if (chunk.usage) {
          usage = chunk.usage;
          if (!clientWantsUsage && chunk.choices.length === 0) continue;
        }
        const content = chunk.choices[0]?.delta?.content;
        if (content) {
          if (ttftMs === null) ttftMs = performance.now() - startedAt;
          delivered++;
        }
        yield { ...chunk, model: servedModel ?? endpoint.modelId };
      }
      ok = true;
    } finally {
      recordRequest({
        ...base,
        ok,
        // A client that hung up before the usage chunk: the prompt is counted by the same rule the upstream uses.
        inputTokens: usage?.prompt_tokens ?? countPromptTokens(request.messages),
        outputTokens: usage?.completion_tokens ?? delivered,
        latencyMs: performance.now() - startedAt,
        ttftMs,
        coldStartMs,
        atMs,
      });
      gatewayCaches().lastServed.set(endpoint.id, Date.now());
      finished();
    }
  }
  const stream = metered();
  // A stream closed before its first read never runs its body: count it finished on close too.
  const close = stream.return.bind(stream);
  stream.return = (value) => {
    finished();
    return close(value);
  };
  return { kind: "stream", stream, coldStartMs };
}
