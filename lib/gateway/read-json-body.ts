import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/domain/errors";

/** The JSON body of a gateway request, refused past `maxBytes` (413) or when empty or not JSON (400). */
export function readJsonBody(req: IncomingMessage, maxBytes = 1024 * 1024): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new AppError("payload_too_large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    };
    // A client gone mid-body (Node reports it as an "aborted" error, then a close): nothing more
    // will arrive, and it is the client's doing — a 4xx, never a 5xx. The error is made only
    // then: this is the gateway's hot path, and an error captures a stack trace.
    const onGone = () => {
      if (!req.complete) reject(new AppError("bad_request", "The client closed the connection before the body was complete."));
    };
    const onEnd = () => {
      req.off("data", onData).off("close", onGone).off("error", onGone);
      const text = chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8");
      if (!text.trim()) return reject(new AppError("bad_request", "The request body is empty; send a JSON object."));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new AppError("bad_request", "We could not parse the JSON body of your request."));
      }
    };
    req.on("data", onData).once("end", onEnd).once("error", onGone).once("close", onGone);
  });
}
