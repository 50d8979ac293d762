import { AppError } from "@/lib/domain/errors";

// Reads a JSON request body without trusting its size or its type. The limit holds in bytes
// (not UTF-16 units): a declared Content-Length over it is refused before anything is read, and
// a body without one (chunked) is counted while it arrives and refused as soon as it crosses the
// limit — so a 400 MB upload costs the server at most the limit, never the upload. A non-empty
// body that is not declared as JSON is a 415: JSON sent as text/plain or a form is how a
// cross-site form tries to reach an API, and a client that forgot the header learns it at once.

export const MAX_BODY_BYTES = 1024 * 1024;
const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export interface JsonBody {
  /** The body as sent (the Idempotency-Key fingerprint covers it). */
  raw: string;
  /** Parsed JSON, or undefined for an empty body. */
  value: unknown;
}

export class BodyTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super("payload_too_large", `request body over ${limitBytes} bytes`, { limitBytes });
  }
}

function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header);
}

async function readBytes(request: Request, limitBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    // Stop here: the rest is never read (the answer closes the connection, see the wrapper).
    if (size > limitBytes) throw new BodyTooLargeError(limitBytes);
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

export async function readJsonBody(request: Request, limitBytes = MAX_BODY_BYTES): Promise<JsonBody> {
  const length = declaredLength(request);
  if (length !== null && length > limitBytes) throw new BodyTooLargeError(limitBytes);
  const contentType = request.headers.get("content-type");
  const declaredJson = contentType !== null && JSON_MEDIA_TYPE.test(contentType);
  if (contentType !== null && contentType.trim() !== "" && !declaredJson && length !== 0) throw new AppError("unsupported_media_type", `content type ${contentType.slice(0, 100)} is not JSON`);
  const bytes = await readBytes(request, limitBytes);
  let raw: string;
  try {
    raw = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request", "body is not valid UTF-8");
  }
  if (raw.trim() === "") return { raw, value: undefined };
  if (!declaredJson) throw new AppError("unsupported_media_type", "a request body needs Content-Type: application/json");
  try {
    return { raw, value: JSON.parse(raw) };
  } catch {
    throw new AppError("bad_request", "body is not valid JSON");
  }
}
