import "server-only";
import { getDb } from "@/lib/db/client";
import { inferenceBatches } from "@/lib/db/schema";
import { BATCH_COMPLETION_WINDOW_HOURS, CreateBatchInput, type OpenAiBatch } from "@/lib/domain/batches";
import { AppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { auditBatchAction, loadFile, toOpenAiBatch, type BatchCaller } from "./records";

/** Accepts a batch in `validating`; the batch runner reads its file and does the lines on spare capacity. */
export async function createBatch(caller: BatchCaller, raw: unknown, now = new Date()): Promise<OpenAiBatch> {
  const input = CreateBatchInput.parse(raw);
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const file = await loadFile(tx, caller, input.input_file_id);
    if (file.purpose !== "batch") throw new AppError("bad_request", `File ${file.id} has purpose "${file.purpose}"; a batch reads a file uploaded with purpose "batch".`, { param: "input_file_id" });
    const [created] = await tx
      .insert(inferenceBatches)
      .values({
        id: newId("batch"),
        orgId: caller.orgId,
        endpointId: caller.endpointId,
        keyId: caller.keyId,
        inputFileId: file.id,
        url: input.endpoint,
        completionWindow: input.completion_window,
        status: "validating",
        metadata: input.metadata ?? null,
        createdAt: now,
        expiresAt: new Date(now.getTime() + BATCH_COMPLETION_WINDOW_HOURS * 3_600_000),
      })
      .returning();
    await auditBatchAction(tx, caller, "batch.create", "batch", created.id, { inputFileId: file.id, url: input.endpoint });
    return created;
  });
  return toOpenAiBatch(row);
}
