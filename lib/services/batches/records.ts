import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/client";
import { insertAuditEvent } from "@/lib/db/audit-log";
import { inferenceBatches, inferenceFiles } from "@/lib/db/schema";
import type { BatchStatus, OpenAiBatch, OpenAiFile } from "@/lib/domain/batches";
import { AppError } from "@/lib/domain/errors";

// Rows of the Batch API and the OpenAI objects the gateway answers with. Everything is loaded
// by (org, endpoint, id): the key that calls opens one endpoint, and another endpoint's file or
// batch is a 404 like one that never existed.

/** Who calls the Batch API: an endpoint key, as the gateway resolved it. */
export interface BatchCaller {
  orgId: string;
  endpointId: string;
  keyId: string;
  requestId?: string;
}

export type InferenceFileRow = typeof inferenceFiles.$inferSelect;
export type InferenceBatchRow = typeof inferenceBatches.$inferSelect;

const seconds = (d: Date | null) => (d ? Math.floor(d.getTime() / 1000) : null);

export function toOpenAiFile(row: InferenceFileRow): OpenAiFile {
  return { id: row.id, object: "file", bytes: row.bytes, created_at: seconds(row.createdAt)!, filename: row.filename, purpose: row.purpose, status: "processed", expires_at: null, status_details: null };
}

const stillWriting = (row: InferenceBatchRow) => row.status === "finalizing" || row.status === "cancelling";

export function toOpenAiBatch(row: InferenceBatchRow): OpenAiBatch {
  return {
    id: row.id,
    object: "batch",
    endpoint: row.url,
    errors: row.errors ? { object: "list", data: row.errors.map((e) => ({ ...e, param: null })) } : null,
    input_file_id: row.inputFileId,
    completion_window: row.completionWindow,
    status: row.status as BatchStatus,
    // The files exist once the batch is done; until then the ids chosen for them are not shown.
    output_file_id: stillWriting(row) ? null : row.outputFileId,
    error_file_id: stillWriting(row) ? null : row.errorFileId,
    created_at: seconds(row.createdAt)!,
    in_progress_at: seconds(row.inProgressAt),
    expires_at: seconds(row.expiresAt)!,
    finalizing_at: seconds(row.finalizingAt),
    completed_at: seconds(row.completedAt),
    failed_at: seconds(row.failedAt),
    expired_at: seconds(row.expiredAt),
    cancelling_at: seconds(row.cancellingAt),
    cancelled_at: seconds(row.cancelledAt),
    request_counts: { total: row.totalCount, completed: row.completedCount, failed: row.failedCount },
    usage: { input_tokens: row.inputTokens, output_tokens: row.outputTokens, total_tokens: row.inputTokens + row.outputTokens },
    metadata: row.metadata ?? null,
  };
}

export async function loadFile(db: DbOrTx, caller: BatchCaller, fileId: string): Promise<InferenceFileRow> {
  const [row] = await db
    .select()
    .from(inferenceFiles)
    .where(and(eq(inferenceFiles.orgId, caller.orgId), eq(inferenceFiles.endpointId, caller.endpointId), eq(inferenceFiles.id, fileId), isNull(inferenceFiles.deletedAt)))
    .limit(1);
  if (!row) throw new AppError("not_found", `No such File object: ${fileId}`, { param: "file_id" });
  return row;
}

export async function loadBatch(db: DbOrTx, caller: BatchCaller, batchId: string, options: { forUpdate?: boolean } = {}): Promise<InferenceBatchRow> {
  const query = db
    .select()
    .from(inferenceBatches)
    .where(and(eq(inferenceBatches.orgId, caller.orgId), eq(inferenceBatches.endpointId, caller.endpointId), eq(inferenceBatches.id, batchId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found", `No such Batch object: ${batchId}`, { param: "batch_id" });
  return row;
}

export function auditBatchAction(db: DbOrTx, caller: BatchCaller, action: string, targetType: string, targetId: string, data: Record<string, unknown>) {
  return insertAuditEvent(db, { orgId: caller.orgId, actorType: "api_token", actorId: caller.keyId, actorName: null, action, targetType, targetId, data: { endpointId: caller.endpointId, ...data }, requestId: caller.requestId ?? null });
}
