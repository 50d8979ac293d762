import { Readable } from "node:stream";
import type { ReadableStream as NodeWebStream } from "node:stream/web";
import { apiRoute } from "@/lib/api/route";
import { ok } from "@/lib/api/responses";
import { OrgIdParams } from "@/lib/api/params";
import { AppError } from "@/lib/domain/errors";
import { uploadAdapterWeights } from "@/lib/services/adapters/upload-adapter-weights";

// The weights are the raw body (application/octet-stream), streamed to storage as they arrive:
// no multipart, so a browser's progress event and curl's --data-binary both see one plain upload.

export const PUT = apiRoute({ params: OrgIdParams }, async ({ request, principal, params }) => {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/octet-stream\s*(?:;|$)/i.test(type)) throw new AppError("unsupported_media_type", "send the safetensors file as application/octet-stream");
  if (!request.body) throw new AppError("adapter_weights_invalid", "the body is empty", { reason: "the body is empty" });
  const length = request.headers.get("content-length");
  const content = Readable.fromWeb(request.body as unknown as NodeWebStream<Uint8Array>);
  return ok(await uploadAdapterWeights(principal, params.org, params.id, { content, declaredBytes: length && /^\d+$/.test(length) ? Number(length) : null }));
});
