import type { IncomingMessage, ServerResponse } from "node:http";
import busboy from "busboy";
import { AppError } from "@/lib/domain/errors";
import { cancelBatch } from "@/lib/services/batches/cancel-batch";
import { createBatch } from "@/lib/services/batches/create-batch";
import { deleteBatchFile } from "@/lib/services/batches/delete-batch-file";
import { getBatchFile, listBatchFiles, readBatchFileContent } from "@/lib/services/batches/read-batch-files";
import { getBatch, listBatches } from "@/lib/services/batches/read-batches";
import type { BatchCaller } from "@/lib/services/batches/records";
import { uploadBatchFile } from "@/lib/services/batches/upload-batch-file";
import { openAiError, type OpenAiError } from "./openai-errors";
import { readJsonBody } from "./read-json-body";

// The OpenAI Batch API of an endpoint, behind the gateway's key check:
//   /v1/files (GET list, POST multipart upload), /v1/files/{id} (GET, DELETE), /v1/files/{id}/content
//   /v1/batches (GET list, POST create), /v1/batches/{id} (GET), /v1/batches/{id}/cancel (POST)
// The upload streams from the socket to storage (busboy), never buffered whole.

export const BATCH_PATH = /^(files|batches)(?:\/([A-Za-z0-9_-]{1,64})(?:\/(content|cancel))?)?$/;

type Send = (status: number, body: unknown) => void;

const methodNotAllowed = (allowed: string): OpenAiError => openAiError(405, `Use ${allowed} here.`, "invalid_request_error", "method_not_allowed");
const unknownPath = (path: string): OpenAiError => openAiError(404, `Unknown path ${path}.`, "invalid_request_error", "unknown_url");

function queryOf(req: IncomingMessage): { limit?: number; after?: string; purpose?: string } {
  const params = new URL(req.url ?? "/", "http://gateway").searchParams;
  const limit = params.get("limit");
  return { limit: limit ? Number(limit) : undefined, after: params.get("after") ?? undefined, purpose: params.get("purpose") ?? undefined };
}

function upload(req: IncomingMessage, caller: BatchCaller): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 8, fieldSize: 1024 } });
    } catch {
      reject(new AppError("bad_request", "Upload the file as multipart/form-data with the fields `file` and `purpose`.", { param: "file" }));
      return;
    }
    const fields: Record<string, string> = {};
    let started = false;
    parser.on("field", (name, value) => {
      fields[name] = value;
    });
    parser.on("file", (name, stream, info) => {
      if (name !== "file" || started) {
        stream.resume();
        return;
      }
      started = true;
      // The purpose is read when the file has been stored: multipart puts it before or after.
      uploadBatchFile(caller, { filename: info.filename ?? "batch.jsonl", content: stream, purpose: () => fields.purpose }).then(resolve, reject);
    });
    parser.on("close", () => {
      if (!started) reject(new AppError("bad_request", "The form has no `file` field.", { param: "file" }));
    });
    parser.on("error", () => reject(new AppError("bad_request", "The multipart body could not be read.", { param: "file" })));
    req.pipe(parser);
  });
}

/** Answers one Batch API request; returns an OpenAI error to send, or null when it answered. */
export async function handleBatchApi(req: IncomingMessage, res: ServerResponse, caller: BatchCaller, subpath: string, send: Send): Promise<OpenAiError | null> {
  const match = BATCH_PATH.exec(subpath);
  if (!match) return unknownPath(`/v1/${subpath}`);
  const [, collection, id, action] = match;
  const method = req.method ?? "GET";

  if (collection === "files") {
    if (!id) {
      if (method === "GET") return send(200, await listBatchFiles(caller, queryOf(req))), null;
      if (method === "POST") return send(200, await upload(req, caller)), null;
      return methodNotAllowed("GET or POST");
    }
    if (action === "content") {
      if (method !== "GET") return methodNotAllowed("GET");
      const { file, content } = await readBatchFileContent(caller, id);
      res.writeHead(200, { "content-type": "application/jsonl", "content-length": file.bytes, "content-disposition": `attachment; filename="${file.filename.replace(/"/g, "")}"`, "cache-control": "no-store" });
      content.pipe(res);
      await new Promise<void>((resolve) => {
        res.on("close", resolve);
        content.on("error", () => res.destroy());
      });
      return null;
    }
    if (action) return unknownPath(`/v1/${subpath}`);
    if (method === "GET") return send(200, await getBatchFile(caller, id)), null;
    if (method === "DELETE") return send(200, await deleteBatchFile(caller, id)), null;
    return methodNotAllowed("GET or DELETE");
  }

  if (!id) {
    if (method === "GET") return send(200, await listBatches(caller, queryOf(req))), null;
    if (method === "POST") return send(200, await createBatch(caller, await readJsonBody(req, 64 * 1024))), null;
    return methodNotAllowed("GET or POST");
  }
  if (action === "cancel") {
    if (method !== "POST") return methodNotAllowed("POST");
    return send(200, await cancelBatch(caller, id)), null;
  }
  if (action) return unknownPath(`/v1/${subpath}`);
  if (method !== "GET") return methodNotAllowed("GET");
  return send(200, await getBatch(caller, id)), null;
}
