import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { inferenceBatches } from "@/lib/db/schema";
import type { OpenAiBatch } from "@/lib/domain/batches";
import { loadBatch, toOpenAiBatch, type BatchCaller } from "./records";

export async function getBatch(caller: BatchCaller, batchId: string): Promise<OpenAiBatch> {
  return toOpenAiBatch(await loadBatch(await getDb(), caller, batchId));
}

/** The endpoint's batches, newest first, paged as OpenAI pages them (`after` = last id seen). */
export async function listBatches(caller: BatchCaller, query: { limit?: number; after?: string }): Promise<{ object: "list"; data: OpenAiBatch[]; has_more: boolean; first_id: string | null; last_id: string | null }> {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 20) || 20, 1), 100);
  const db = await getDb();
  const rows = await db
    .select()
    .from(inferenceBatches)
    .where(and(eq(inferenceBatches.orgId, caller.orgId), eq(inferenceBatches.endpointId, caller.endpointId), query.after ? lt(inferenceBatches.id, query.after) : undefined))
    .orderBy(desc(inferenceBatches.id))
    .limit(limit + 1);
  const data = rows.slice(0, limit).map(toOpenAiBatch);
  return { object: "list", data, has_more: rows.length > limit, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null };
}
