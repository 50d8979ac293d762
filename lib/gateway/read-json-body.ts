import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/domain/errors";

/** The JSON body of a gateway request, refused past `maxBytes` (413) or when empty or not JSON (400). */
export function readJsonBody(req: IncomingMessage, maxBytes = 1024 * 1024): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new AppError("payload_too_large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (!text.trim()) return reject(new AppError("bad_request", "The request body is empty; send a JSON object."));
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new AppError("bad_request", "We could not parse the JSON body of your request."));
      }
    });
    req.on("error", reject);
    // A client gone mid-body: nothing more will arrive (after "end" this changes nothing).
    req.on("close", () => reject(new AppError("bad_request", "The client closed the connection before the body was complete.")));
  });
}
