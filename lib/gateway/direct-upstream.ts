import { processSingleton } from "@/lib/server/process-singleton";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatCompletionRequest, CompletionUsage } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { countPromptTokens } from "@/lib/control-plane/sim/text";
import { gatewayCaches, type GatewayEndpoint } from "@/lib/services/endpoints/gateway-cache";
import { recordRequest } from "@/lib/services/endpoints/metering-buffer";
import { servedAdapter, upstreamModel } from "@/lib/services/adapters/served-model";
import { assertServes, mightBeCold } from "@/lib/services/endpoints/run-inference";
import { watchClient, whenWritable } from "@/lib/server/client-connection";

// The data path to a remote control plane (CONTROL_PLANE_URL): chat completions go straight to
// its inference route over a keep-alive agent, and the answer's bytes are passed through as they
// arrive — the gateway reads just enough of them to meter (time to first token, the usage
// event) instead of decoding, validating and re-encoding every chunk. The generic control-plane
// client (fetch, a zod check per chunk) is right for the management API; on this path it cost
// four fifths of the throughput (bench/gateway-overhead.ts).

/** The keep-alive agent of the data path (exported for tests that count the sockets it holds). */
export const upstreamAgent = () => processSingleton("gateway.upstreamAgent", () => new http.Agent({ keepAlive: true, maxSockets: 512 }));

export function directUpstreamUrl(): URL | null {
  const raw = process.env.CONTROL_PLANE_URL;
  if (!raw || process.env.HINOKI_GATEWAY_DIRECT === "false") return null;
  const url = new URL(raw);
  return url.protocol === "http:" ? url : null;
}

const USAGE_EVENT = /data: (\{[^\n]*"choices":\[\][^\n]*"usage":\{[^\n]*\})\n\n/;
const CONTENT_EVENTS = /"delta":\{"content":"[^"]/g;

function upstreamError(status: number, body: string): AppError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } };
    const code = parsed.error?.code ?? "internal";
    return new AppError((code in { not_found: 1, conflict: 1, validation_failed: 1, capacity_unavailable: 1, bad_request: 1 } ? code : status >= 500 ? "control_plane_unavailable" : "internal") as never, parsed.error?.message ?? `upstream ${status}`, parsed.error?.details);
  } catch {
    return new AppError(status >= 500 ? "control_plane_unavailable" : "internal", `upstream answered ${status}`);
  }
}

/**
 * Serves one chat completion through the remote control plane. `transform` re-frames whole
 * answers (the legacy completions route); streams are passed through when it is absent.
 *
 * The client is followed from the first line: if it goes away at any moment — before the
 * control plane answered, while the answer streams, while a write waits for the socket — the
 * upstream request is aborted (its response destroyed, so its socket leaves the agent instead of
 * staying lent out forever) and the request is metered for what the client was sent.
 */
export async function proxyChatCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  base: URL,
  endpoint: GatewayEndpoint,
  keyId: string,
  request: ChatCompletionRequest,
  headers: Record<string, string>,
): Promise<void> {
  assertServes(endpoint, request);
  const client = watchClient(res);
  const startedAt = performance.now();
  const atMs = Date.now();
  const meter = { endpointId: endpoint.id, orgId: endpoint.orgId, keyId, adapter: servedAdapter(endpoint, request.model) };
  // What a client that left was sent: the prompt reached the model; the tokens it was handed.
  const partial = (outputTokens: number, ttftMs: number | null, coldStartMs: number | null) =>
    recordRequest({ ...meter, ok: false, inputTokens: countPromptTokens(request.messages), outputTokens, latencyMs: performance.now() - startedAt, ttftMs, coldStartMs, atMs });
  try {
    const cold = await mightBeCold(endpoint, atMs);
    gatewayCaches().lastServed.set(endpoint.id, atMs);
    const clientWantsUsage = request.stream === true && request.stream_options?.include_usage === true;
    const body = JSON.stringify({ ...request, model: upstreamModel(endpoint, request.model), ...(request.stream ? { stream_options: { include_usage: true } } : {}) });

    let upstream: IncomingMessage;
    try {
      upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = http.request(
          {
            host: base.hostname,
            port: base.port || 80,
            method: "POST",
            path: `${base.pathname.replace(/\/$/, "")}/v1/endpoints/${encodeURIComponent(endpoint.id)}/chat/completions`,
            headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...(process.env.CONTROL_PLANE_TOKEN ? { authorization: `Bearer ${process.env.CONTROL_PLANE_TOKEN}` } : {}) },
            agent: upstreamAgent(),
            signal: client.signal,
          },
          resolve,
        );
        out.on("error", (error) => reject(new AppError("control_plane_unavailable", error.message)));
        out.end(body);
      });
    } catch (error) {
      if (client.gone) return partial(0, null, null);
      recordRequest({ ...meter, ok: false, inputTokens: 0, outputTokens: 0, latencyMs: performance.now() - startedAt, ttftMs: null, coldStartMs: null, atMs });
      throw error;
    }
    // From here on the response is ours to finish or destroy; an abort destroys it (signal).
    upstream.on("error", () => undefined);
    const coldStartMs = cold ? performance.now() - startedAt : null;
    if (coldStartMs !== null) headers["x-hinoki-cold-start-ms"] = String(Math.round(coldStartMs));
    upstream.setEncoding("utf8");

    if (upstream.statusCode !== 200 || !request.stream) {
      let text = "";
      try {
        for await (const piece of upstream) text += piece;
      } catch (error) {
        if (client.gone) return partial(0, null, coldStartMs);
        throw new AppError("control_plane_unavailable", error instanceof Error ? error.message : "upstream interrupted");
      }
      if (client.gone) return partial(0, null, coldStartMs);
      if (upstream.statusCode !== 200) {
        recordRequest({ ...meter, ok: false, inputTokens: 0, outputTokens: 0, latencyMs: performance.now() - startedAt, ttftMs: null, coldStartMs, atMs });
        throw upstreamError(upstream.statusCode ?? 502, text);
      }
      const usage = (JSON.parse(text) as { usage?: CompletionUsage }).usage;
      recordRequest({ ...meter, ok: true, inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0, latencyMs: performance.now() - startedAt, ttftMs: null, coldStartMs, atMs });
      gatewayCaches().lastServed.set(endpoint.id, Date.now());
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store", ...headers });
      res.end(text);
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no", ...headers });
    let ttftMs: number | null = null;
    let usage: CompletionUsage | null = null;
    let sentTokens = 0;
    let tail = "";
    let ok = false;
    try {
      for await (const piece of upstream as AsyncIterable<string>) {
        if (client.gone) break;
        let text = tail + piece;
        // Hold back a partial event so the usage event is seen (and removed) whole.
        const cut = text.lastIndexOf("\n\n") + 2;
        tail = text.slice(cut);
        text = text.slice(0, cut);
        const tokens = text.match(CONTENT_EVENTS)?.length ?? 0;
        if (ttftMs === null && tokens > 0) ttftMs = performance.now() - startedAt;
        const match = USAGE_EVENT.exec(text);
        if (match) {
          usage = (JSON.parse(match[1]) as { usage: CompletionUsage }).usage;
          if (!clientWantsUsage) text = text.replace(match[0], "");
        }
        if (!text) continue;
        sentTokens += tokens;
        if (!res.write(text)) await whenWritable(res, client.signal);
      }
      if (!client.gone) {
        ok = true;
        res.end(tail);
      }
    } catch {
      if (!client.gone) res.end(`data: ${JSON.stringify({ error: { message: "The stream from the model was interrupted.", type: "server_error", param: null, code: null } })}\n\n`);
    } finally {
      if (!ok) upstream.destroy();
      recordRequest({
        ...meter,
        ok,
        inputTokens: usage?.prompt_tokens ?? countPromptTokens(request.messages),
        // A client that left is billed for the tokens it was sent, never for the rest.
        outputTokens: ok ? (usage?.completion_tokens ?? sentTokens) : sentTokens,
        latencyMs: performance.now() - startedAt,
        ttftMs,
        coldStartMs,
        atMs,
      });
      gatewayCaches().lastServed.set(endpoint.id, Date.now());
    }
  } finally {
    client.dispose();
  }
}
