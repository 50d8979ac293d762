import type http from "node:http";
import { AppError, ERROR_STATUS, isAppError, type ErrorCode } from "@/lib/domain/errors";

// Server-sent events for streaming inference, both ends: `data: <json>` per chunk, then
// `data: [DONE]` (OpenAI's convention); a failure after the first byte is `event: error`.

export async function writeSse(req: http.IncomingMessage, res: http.ServerResponse, stream: AsyncIterable<unknown>): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  const iterator = stream[Symbol.asyncIterator]();
  let clientGone = false;
  const onClose = () => {
    clientGone = true;
    void iterator.return?.();
  };
  req.socket.once("close", onClose);
  try {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done || clientGone) break;
      if (!res.write(`data: ${JSON.stringify(value)}\n\n`)) await new Promise((resolve) => res.once("drain", resolve));
    }
    if (!clientGone) res.end("data: [DONE]\n\n");
  } catch (error) {
    const body = isAppError(error) ? { code: error.code, message: error.message } : { code: "internal", message: "stream failed" };
    res.end(`event: error\ndata: ${JSON.stringify({ error: body })}\n\n`);
  } finally {
    req.socket.off("close", onClose);
  }
}

function toAppError(body: { error?: { code?: string; message?: string; details?: Record<string, unknown> } }): AppError {
  const code = (body.error?.code && body.error.code in ERROR_STATUS ? body.error.code : "internal") as ErrorCode;
  return new AppError(code, body.error?.message ?? code, body.error?.details);
}

/** Parses an SSE body into its JSON `data` payloads, until `[DONE]`. */
export async function* readSse<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let boundary: number;
      while ((boundary = buffer.indexOf("\n\n")) >= 0) {
        const event = buffer.slice(0, boundary);
        buffer = buffer.slice(boundary + 2);
        let name = "message";
        const data: string[] = [];
        for (const line of event.split("\n")) {
          if (line.startsWith("event:")) name = line.slice(6).trim();
          else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
        }
        const payload = data.join("\n");
        if (name === "error") throw toAppError(JSON.parse(payload));
        if (payload === "[DONE]") return;
        if (payload) yield JSON.parse(payload) as T;
      }
    }
    throw new AppError("control_plane_unavailable", "the stream ended before [DONE]");
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

export { toAppError };
