import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

// The OpenAI-compatible Batch API of an endpoint: uploaded files (the bytes live in the data
// directory; the row records size and checksum), batches, and one row per input line — the
// unit of work the batch runner does exactly once (a line is recorded done only while it is
// still pending, in one statement, so a second runner or a retry after a crash cannot count it twice).

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const inferenceFiles = pgTable(
  "inference_files",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    /** batch (uploaded input) · batch_output (a batch's output or error file) */
    purpose: text("purpose").notNull(),
    filename: text("filename").notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull(),
    sha256: text("sha256").notNull(),
    createdByKeyId: text("created_by_key_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
    deletedAt: ts("deleted_at"),
  },
  (t) => [index("inference_files_endpoint_idx").on(t.orgId, t.endpointId, t.id)],
);

export const inferenceBatches = pgTable(
  "inference_batches",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id").notNull(),
    endpointId: text("endpoint_id").notNull(),
    keyId: text("key_id").notNull(),
    inputFileId: text("input_file_id").notNull(),
    /** The OpenAI path every line calls, e.g. /v1/chat/completions. */
    url: text("url").notNull(),
    completionWindow: text("completion_window").notNull(),
    /** validating · in_progress · finalizing · completed · failed · expired · cancelling · cancelled */
    status: text("status").notNull(),
    /** Chosen when finalizing starts, so a finalization redone after a crash writes the same files. */
    outputFileId: text("output_file_id"),
    errorFileId: text("error_file_id"),
    /** Why validation refused the whole file (OpenAI's `errors.data`). */
    errors: jsonb("errors").$type<Array<{ code: string; message: string; line: number | null }> | null>(),
    totalCount: integer("total_count").notNull().default(0),
    completedCount: integer("completed_count").notNull().default(0),
    failedCount: integer("failed_count").notNull().default(0),
    inputTokens: bigint("input_tokens", { mode: "number" }).notNull().default(0),
    outputTokens: bigint("output_tokens", { mode: "number" }).notNull().default(0),
    metadata: jsonb("metadata").$type<Record<string, string> | null>(),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    inProgressAt: ts("in_progress_at"),
    finalizingAt: ts("finalizing_at"),
    completedAt: ts("completed_at"),
    failedAt: ts("failed_at"),
    expiredAt: ts("expired_at"),
    cancellingAt: ts("cancelling_at"),
    cancelledAt: ts("cancelled_at"),
  },
  (t) => [index("inference_batches_endpoint_idx").on(t.orgId, t.endpointId, t.id), index("inference_batches_open_idx").on(t.status).where(sql`status in ('validating', 'in_progress', 'finalizing', 'cancelling')`)],
);

export const inferenceBatchLines = pgTable(
  "inference_batch_lines",
  {
    batchId: text("batch_id").notNull(),
    /** 1-based line number in the input file. */
    line: integer("line").notNull(),
    customId: text("custom_id"),
    /** pending · succeeded · failed */
    status: text("status").notNull(),
    /** The request body (null when the line could not be read). */
    body: jsonb("body"),
    response: jsonb("response"),
    error: jsonb("error").$type<{ code: string; message: string } | null>(),
    requestId: text("request_id"),
    finishedAt: ts("finished_at"),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.line] }), index("inference_batch_lines_pending_idx").on(t.batchId, t.line).where(sql`status = 'pending'`)],
);
