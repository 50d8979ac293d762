import "server-only";
import type { Readable } from "node:stream";
import { getDb } from "@/lib/db/client";
import { inferenceFiles } from "@/lib/db/schema";
import { BATCH_FILE_MAX_BYTES, type OpenAiFile } from "@/lib/domain/batches";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { removeStoredFile, storeFile } from "./file-storage";
import { auditBatchAction, toOpenAiFile, type BatchCaller } from "./records";
import { positiveSetting } from "@/lib/server/env-settings";

export const batchFileMaxBytes = () => positiveSetting("HINOKI_BATCH_FILE_MAX_BYTES", BATCH_FILE_MAX_BYTES);

/** Stores an uploaded `purpose=batch` JSONL file (streamed, size-limited, checksummed); its lines are read when a batch uses it. */
export async function uploadBatchFile(caller: BatchCaller, input: { filename: string; content: Readable; purpose: () => Promise<string | undefined> }): Promise<OpenAiFile> {
  const id = newId("inferenceFile");
  const stored = await storeFile(caller.orgId, id, input.content, batchFileMaxBytes());
  // A multipart form may carry the purpose before or after the file: it is known only now.
  const purpose = await input.purpose();
  const refusal =
    purpose !== "batch"
      ? new AppError("bad_request", `This endpoint accepts files with purpose "batch" only (got ${purpose === undefined ? "none" : `"${purpose}"`}).`, { param: "purpose" })
      : stored.bytes === 0
        ? new AppError("bad_request", "The file is empty.", { param: "file" })
        : null;
  if (refusal) {
    await removeStoredFile(caller.orgId, id);
    throw refusal;
  }
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(inferenceFiles)
        .values({ id, orgId: caller.orgId, endpointId: caller.endpointId, purpose: "batch", filename: input.filename.slice(0, 255) || "batch.jsonl", bytes: stored.bytes, sha256: stored.sha256, createdByKeyId: caller.keyId })
        .returning();
      await auditBatchAction(tx, caller, "inference_file.upload", "inference_file", id, { filename: row.filename, bytes: row.bytes, sha256: row.sha256 });
      return toOpenAiFile(row);
    });
  } catch (error) {
    // No row, no file: a failed insert leaves nothing behind that no one can see or delete.
    await removeStoredFile(caller.orgId, id);
    throw error;
  }
}
