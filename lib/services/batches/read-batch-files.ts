import "server-only";
import type { Readable } from "node:stream";
import { and, desc, eq, isNull, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { inferenceFiles } from "@/lib/db/schema";
import type { OpenAiFile } from "@/lib/domain/batches";
import { readStoredFile } from "./file-storage";
import { loadFile, toOpenAiFile, type BatchCaller } from "./records";

// GET /v1/files, /v1/files/{id}, /v1/files/{id}/content — the endpoint's files, newest first,
// paged as OpenAI pages them (`after` = the last id of the previous page).

export async function listBatchFiles(caller: BatchCaller, query: { limit?: number; after?: string; purpose?: string }): Promise<{ object: "list"; data: OpenAiFile[]; has_more: boolean; first_id: string | null; last_id: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 100) || 100, 1), 10_000);
  const db = await getDb();
  const rows = await db
    .select()
    .from(inferenceFiles)
    .where(
      and(
        eq(inferenceFiles.orgId, caller.orgId),
        eq(inferenceFiles.endpointId, caller.endpointId),
        isNull(inferenceFiles.deletedAt),
        query.purpose ? eq(inferenceFiles.purpose, query.purpose) : undefined,
        query.after ? lt(inferenceFiles.id, query.after) : undefined,
      ),
    )
    .orderBy(desc(inferenceFiles.id))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(toOpenAiFile);
  return { object: "list", data, has_more: rows.length > limit, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}

export async function getBatchFile(caller: BatchCaller, fileId: string): Promise<OpenAiFile> {
  return toOpenAiFile(await loadFile(await getDb(), caller, fileId));
}

export async function readBatchFileContent(caller: BatchCaller, fileId: string): Promise<{ file: OpenAiFile; content: Readable }> {
  const row = await loadFile(await getDb(), caller, fileId);
  return { file: toOpenAiFile(row), content: readStoredFile(row.orgId, row.id) };
}
