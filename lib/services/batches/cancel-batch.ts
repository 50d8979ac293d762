import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { inferenceBatches } from "@/lib/db/schema";
import type { OpenAiBatch } from "@/lib/domain/batches";
import { AppError } from "@/lib/domain/errors";
import { auditBatchAction, loadBatch, toOpenAiBatch, type BatchCaller } from "./records";

/** Moves a batch to `cancelling`; the runner stops taking its lines and finishes it as `cancelled` with what was done. */
export async function cancelBatch(caller: BatchCaller, batchId: string, now = new Date()): Promise<OpenAiBatch> {
  const db = await getDb();
  const row = await db.transaction(async (tx) => {
    const batch = await loadBatch(tx, caller, batchId, { forUpdate: true });
    if (batch.status === "cancelling" || batch.status === "cancelled") return batch;
    if (batch.status !== "validating" && batch.status !== "in_progress") {
      throw new AppError("conflict", `Cannot cancel a batch that is ${batch.status}.`, { param: "batch_id" });
    }
    const [updated] = await tx.update(inferenceBatches).set({ status: "cancelling", cancellingAt: now }).where(eq(inferenceBatches.id, batch.id)).returning();
    await auditBatchAction(tx, caller, "batch.cancel", "batch", batch.id, { from: batch.status });
    return updated;
  });
  return toOpenAiBatch(row);
}
