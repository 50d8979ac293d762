import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDirectory } from "@/lib/db/client";
import { AppError } from "@/lib/domain/errors";

// Uploaded files (Batch API files, LoRA adapter weights) live under the data directory, one file per id, written to a temporary name and
// renamed when complete (a crash leaves no half file under a real id). The bytes stream through
// a size limit and a SHA-256, never held in memory whole. With several console instances the
// data directory must be shared storage (a network volume), as the attestation keys' is not.

const ROOT = "inference-files";

export function storedFilePath(orgId: string, fileId: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(orgId) || !/^[A-Za-z0-9_]+$/.test(fileId)) throw new AppError("bad_request", "malformed file id");
  return path.join(dataDirectory(), ROOT, orgId, fileId);
}

/** Streams `source` into the file's place; refuses (and removes the partial file) past `maxBytes`. */
export async function storeFile(orgId: string, fileId: string, source: Readable | AsyncIterable<Buffer | string>, maxBytes: number): Promise<{ bytes: number; sha256: string }> {
  const target = storedFilePath(orgId, fileId);
  await mkdir(path.dirname(target), { recursive: true });
  // Its own temporary name: a runner that took over after a crash may write the same file at once.
  const partial = `${target}.${randomBytes(6).toString("hex")}.partial`;
  const hash = createHash("sha256");
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new AppError("payload_too_large", `A file may be at most ${maxBytes} bytes.`, { limitBytes: maxBytes }));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(partial));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  return { bytes, sha256: hash.digest("hex") };
}

export function readStoredFile(orgId: string, fileId: string): Readable {
  return createReadStream(storedFilePath(orgId, fileId));
}

export async function removeStoredFile(orgId: string, fileId: string): Promise<void> {
  await rm(storedFilePath(orgId, fileId), { force: true });
}
