import { z } from "zod";

// The OpenAI Batch API as an endpoint serves it (`/inference/<endpoint>/v1/files`, `/v1/batches`):
// the shapes the official `openai` client reads, and the limits of one batch.

export const BATCH_FILE_MAX_BYTES = 100 * 1024 * 1024;
export const BATCH_MAX_LINES = 50_000;
export const BATCH_COMPLETION_WINDOW_HOURS = 24;
/** The paths a batch line may call (OpenAI's `url` field), and what the batch's `endpoint` may be. */
export const BATCH_URLS = ["/v1/chat/completions", "/v1/completions"] as const;
export type BatchUrl = (typeof BATCH_URLS)[number];

export const BatchStatus = z.enum(["validating", "failed", "in_progress", "finalizing", "completed", "expired", "cancelling", "cancelled"]);
export type BatchStatus = z.infer<typeof BatchStatus>;
export const OPEN_BATCH_STATUSES: readonly BatchStatus[] = ["validating", "in_progress", "finalizing", "cancelling"];

export const CreateBatchInput = z.object({
  input_file_id: z.string().min(1).max(64),
  endpoint: z.enum(BATCH_URLS),
  completion_window: z.literal("24h"),
  metadata: z.record(z.string().max(64), z.string().max(512)).refine((m) => Object.keys(m).length <= 16, "at most 16 metadata keys").nullable().optional(),
});
export type CreateBatchInput = z.infer<typeof CreateBatchInput>;

/** One line of an input file, as OpenAI documents it. */
export const BatchInputLine = z.object({
  custom_id: z.string().min(1).max(512),
  method: z.literal("POST"),
  url: z.enum(BATCH_URLS),
  body: z.record(z.string(), z.unknown()),
});
export type BatchInputLine = z.infer<typeof BatchInputLine>;

export interface OpenAiFile {
  id: string;
  object: "file";
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: "processed";
  expires_at: null;
  status_details: null;
}

export interface OpenAiBatch {
  id: string;
  object: "batch";
  endpoint: string;
  errors: { object: "list"; data: Array<{ code: string; message: string; line: number | null; param: null }> } | null;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id: string | null;
  error_file_id: string | null;
  created_at: number;
  in_progress_at: number | null;
  expires_at: number;
  finalizing_at: number | null;
  completed_at: number | null;
  failed_at: number | null;
  expired_at: number | null;
  cancelling_at: number | null;
  cancelled_at: number | null;
  request_counts: { total: number; completed: number; failed: number };
  usage: { input_tokens: number; output_tokens: number; total_tokens: number };
  metadata: Record<string, string> | null;
}
