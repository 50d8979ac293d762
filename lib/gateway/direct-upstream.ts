import { processSingleton } from "@/lib/server/process-singleton";
import http from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatCompletionRequest, CompletionUsage } from "@/lib/domain/control-plane";
import { AppError } from "@/lib/domain/errors";
import { countPromptTokens } from "@/lib/control-plane/sim/text";
import { gatewayCaches, type GatewayEndpoint } from "@/lib/services/endpoints/gateway-cache";
import { recordRequest } from "@/lib/services/endpoints/metering-buffer";
import { upstreamModel } from "@/lib/services/adapters/served-model";
import { assertServes, mightBeCold } from "@/lib/services/endpoints/run-inference";
import { watchClient, whenWritable, type ClientWatch } from "@/lib/server/client-connection";
import { countContentTokens, findUsageEvent, wholeEventsEnd } from "./sse-bytes";

// The data path to a remote control plane (CONTROL_PLANE_URL): chat completions go straight to
// its inference route over a keep-alive agent, and the answer's bytes are passed through as they
// arrive — the gateway reads just enough of them to meter (time to first token, the usage
// event) instead of decoding, validating and re-encoding every chunk. The generic control-plane
// client (fetch, a zod check per chunk) is right for the management API; on this path it cost
// four fifths of the throughput (bench/gateway-overhead.ts).

/** The keep-alive agent of the data path (exported for tests that count the sockets it holds). */
export const upstreamAgent = () => processSingleton("gateway.upstreamAgent", () => new http.Agent({ keepAlive: true, maxSockets: 512 }));

// Parsed once per value of CONTROL_PLANE_URL (tests change it between cases), not per request.
let parsed: { raw: string; url: URL | null } | null = null;

export function directUpstreamUrl(): URL | null {
  const raw = process.env.CONTROL_PLANE_URL;
  if (!raw || process.env.HINOKI_GATEWAY_DIRECT === "false") return null;
  if (parsed?.raw !== raw) {
    const url = new URL(raw);
    parsed = { raw, url: url.protocol === "http:" ? url : null };
  }
  return parsed.url;
}

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
 * How much of an answer may wait in the client's socket buffer before the upstream is paused.
 * Above the stream's default 16 KB: an answer of a few hundred tokens is ~25 KB of events, and
 * pausing for it cost a round of the event loop, a drain listener and a second write per request.
 * A client that reads slowly still holds at most this much per request.
 */
const RELAY_BUFFER_BYTES = 256 * 1024;

/** The whole body of a finished upstream answer, read as Buffers and decoded once. */
function readAll(upstream: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    upstream.on("data", (chunk: Buffer) => chunks.push(chunk));
    upstream.once("end", () => resolve(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    upstream.once("error", reject);
    upstream.once("close", () => reject(new Error("upstream closed before the end")));
  });
}

/**
 * Hands each piece of a streamed answer to `onBytes` as it arrives, pausing the upstream while the
 * client's socket is full (`onBytes` returned false). Resolves at the end of the answer, at once
 * when the client is gone (the upstream is destroyed by then), and rejects when the upstream
 * breaks off. Listeners, not an async iterator: its promise per chunk and the destroy at its end
 * showed in the gateway's CPU profile on this path (bench/gateway-overhead.ts).
 */
function relay(upstream: IncomingMessage, res: ServerResponse, client: ClientWatch, onBytes: (piece: Buffer) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    // What arrives in one turn of the event loop goes out in one write: the client's socket is
    // corked until the loop's check phase, so a piece that is also the end of the answer leaves
    // together with the headers and the chunked encoding's last chunk (one system call, not two),
    // and a token never waits longer than that turn.
    let corked = false;
    const uncork = () => {
      corked = false;
      res.uncork();
    };
    upstream.on("data", (piece: Buffer) => {
      if (!corked) {
        corked = true;
        res.cork();
        setImmediate(uncork);
      }
      let more: boolean;
      try {
        more = onBytes(piece);
      } catch (error) {
        // Thrown in an event handler it would take the process down: the stream fails instead.
        upstream.destroy();
        return reject(error);
      }
      if (more) return;
      upstream.pause();
      void whenWritable(res, client.signal).then(() => upstream.resume());
    });
    upstream.once("end", resolve);
    upstream.once("error", reject);
    upstream.once("close", () => (client.gone ? resolve() : reject(new Error("upstream closed before the end"))));
    client.onGone(resolve);
  });
}

/**
 * Serves one chat completion through the remote control plane: the answer is passed through as
 * it arrives (streams) or whole.
 *
 * The client is followed from the first line: if it goes away at any moment — before the
 * control plane answered, while the answer streams, while a write waits for the socket — the
 * upstream request is destroyed (its response too, so its socket leaves the agent instead of
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
  // Which model answers (null = the base model); an unknown model or adapter is a 404 here.
  const adapter = assertServes(endpoint, request);
  const client = watchClient(res);
  const startedAt = performance.now();
  const atMs = Date.now();
  const meter = { endpointId: endpoint.id, orgId: endpoint.orgId, keyId, adapter };
  // What a client that left was sent: the prompt reached the model; the tokens it was handed.
  const partial = (outputTokens: number, ttftMs: number | null, coldStartMs: number | null) =>
    recordRequest({ ...meter, ok: false, inputTokens: countPromptTokens(request.messages), outputTokens, latencyMs: performance.now() - startedAt, ttftMs, coldStartMs, atMs });
  try {
    const cold = await mightBeCold(endpoint, atMs);
    gatewayCaches().lastServed.set(endpoint.id, atMs);
    const clientWantsUsage = request.stream === true && request.stream_options?.include_usage === true;
    const body = JSON.stringify({ ...request, model: upstreamModel(endpoint, adapter), ...(request.stream ? { stream_options: { include_usage: true } } : {}) });

    // A client gone before anything was sent upstream never reached the model: not asked, not metered.
    if (client.gone) return;
    // Whether the request left for the model (handed to the socket): a client that goes before
    // that is not metered; one that goes after is, for its prompt.
    let sent = false;
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
          },
          resolve,
        );
        out.on("error", (error) => reject(new AppError("control_plane_unavailable", error.message)));
        // A client that leaves ends the upstream request at any point, and its response with it.
        client.onGone(() => out.destroy());
        out.once("finish", () => (sent = true));
        out.end(body);
      });
    } catch (error) {
      if (client.gone) return sent ? partial(0, null, null) : undefined;
      recordRequest({ ...meter, ok: false, inputTokens: 0, outputTokens: 0, latencyMs: performance.now() - startedAt, ttftMs: null, coldStartMs: null, atMs });
      throw error;
    }
    // From here on the response is ours to finish or destroy; a client that leaves destroys it (above).
    upstream.on("error", () => undefined);
    const coldStartMs = cold ? performance.now() - startedAt : null;
    if (coldStartMs !== null) headers["x-hinoki-cold-start-ms"] = String(Math.round(coldStartMs));

    if (upstream.statusCode !== 200 || !request.stream) {
      let text: string;
      try {
        text = await readAll(upstream);
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
    let tail: Buffer | null = null;
    let ok = false;
    try {
      await relay(upstream, res, client, (piece) => {
        let events = tail ? Buffer.concat([tail, piece]) : piece;
        // Hold back a partial event so the usage event is seen (and removed) whole.
        const cut = wholeEventsEnd(events);
        tail = cut < events.length ? events.subarray(cut) : null;
        events = events.subarray(0, cut);
        if (!events.length) return true;
        const tokens = countContentTokens(events);
        if (ttftMs === null && tokens > 0) ttftMs = performance.now() - startedAt;
        const found = findUsageEvent(events);
        if (found) {
          usage = found.usage;
          if (!clientWantsUsage) events = Buffer.concat([events.subarray(0, found.start), events.subarray(found.end)]);
        }
        sentTokens += tokens;
        if (events.length) res.write(events);
        return res.writableLength < RELAY_BUFFER_BYTES;
      });
      if (!client.gone) {
        ok = true;
        res.end(tail ?? undefined);
      }
    } catch {
      if (!client.gone) res.end(`data: ${JSON.stringify({ error: { message: "The stream from the model was interrupted.", type: "server_error", param: null, code: null } })}\n\n`);
    } finally {
      if (!ok) upstream.destroy();
      // Set inside the relay's callback, which TypeScript's narrowing does not follow.
      const served = usage as CompletionUsage | null;
      recordRequest({
        ...meter,
        ok,
        inputTokens: served?.prompt_tokens ?? countPromptTokens(request.messages),
        // A client that left is billed for the tokens it was sent, never for the rest.
        outputTokens: ok ? (served?.completion_tokens ?? sentTokens) : sentTokens,
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
