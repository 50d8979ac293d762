import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { inferenceBatches, inferenceFiles } from "@/lib/db/schema";
import { OPEN_BATCH_STATUSES } from "@/lib/domain/batches";
import { AppError } from "@/lib/domain/errors";
import { removeStoredFile } from "./file-storage";
import { auditBatchAction, loadFile, type BatchCaller } from "./records";

/** Deletes a file (the row is kept, marked deleted, for the audit trail; the bytes are removed). */
export async function deleteBatchFile(caller: BatchCaller, fileId: string): Promise<{ id: string; object: "file"; deleted: true }> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const row = await loadFile(tx, caller, fileId);
    // A batch still reading its input (or writing its output) keeps the file it needs.
    const [busy] = await tx
      .select({ id: inferenceBatches.id })
      .from(inferenceBatches)
      .where(and(eq(inferenceBatches.orgId, caller.orgId), inArray(inferenceBatches.status, [...OPEN_BATCH_STATUSES]), or(eq(inferenceBatches.inputFileId, fileId))))
      .limit(1);
    if (busy) throw new AppError("conflict", `The file is the input of batch ${busy.id}, which is still running; cancel it first.`, { param: "file_id" });
    await tx.update(inferenceFiles).set({ deletedAt: new Date() }).where(eq(inferenceFiles.id, row.id));
    await auditBatchAction(tx, caller, "inference_file.delete", "inference_file", row.id, { filename: row.filename });
  });
  await removeStoredFile(caller.orgId, fileId);
  return { id: fileId, object: "file", deleted: true };
}
