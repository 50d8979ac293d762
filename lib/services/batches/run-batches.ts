import "server-only";
import { and, asc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/client";
import { endpointKeys, endpointKeyUsage, endpoints, inferenceBatchLines, inferenceBatches, inferenceFiles } from "@/lib/db/schema";
import { BATCH_MAX_LINES, BatchInputLine, type BatchUrl } from "@/lib/domain/batches";
import { jstDateOf } from "@/lib/domain/billing/jst";
import { ChatCompletionRequest, type ChatCompletion } from "@/lib/domain/control-plane";
import { isAppError } from "@/lib/domain/errors";
import { newId } from "@/lib/domain/ids";
import { CompletionRequest, toChatRequest, toTextCompletion } from "@/lib/gateway/completions";
import { interactiveInFlight, toGatewayEndpoint, type GatewayEndpoint } from "../endpoints/gateway-cache";
import { monthTokensUsed } from "../endpoints/key-budget";
import { runChatCompletion } from "../endpoints/run-inference";
import { readStoredFile, removeStoredFile, storeFile } from "./file-storage";
import type { InferenceBatchRow } from "./records";
import { servedAdapterNames } from "../adapters/served-adapter-names";
import { positiveSetting } from "@/lib/server/env-settings";
import type { ControlPlane } from "@/lib/control-plane";

// The batch runner, one round: read the files of new batches into lines, do pending lines on
// the endpoint's spare capacity, and write the output and error files of batches with nothing
// left to do. It runs once per fleet (a lease), and every step may be cut short by a crash and
// redone: lines are inserted idempotently; a line is recorded done only while still pending, in
// the same transaction as its counts and its tokens (so it is counted and metered once, even if
// a crash between the model's answer and that commit makes the runner ask the model again);
// the output files get their ids before they are written, so a redone finalization rewrites the
// same files.

export interface BatchRoundOptions {
  /** Most lines in flight per endpoint at once (it never exceeds the endpoint's spare capacity). */
  concurrency?: number;
  /** Most lines taken per batch in one round. */
  linesPerRound?: number;
  now?: Date;
}

const INSERT_CHUNK = 500;

export async function runBatchRound(db: Db, cp: ControlPlane, options: BatchRoundOptions = {}): Promise<{ validated: number; lines: number; finalized: number }> {
  const now = options.now ?? new Date();
  const validated = await validateNewBatches(db);
  await expireOverdue(db, now);
  const lines = await workOnLines(db, cp, options.concurrency ?? positiveSetting("HINOKI_BATCH_CONCURRENCY", 4), options.linesPerRound ?? 64);
  const finalized = await finalizeDone(db, now);
  return { validated, lines, finalized };
}

// ---------------------------------------------------------------- validating → in_progress

async function readLines(orgId: string, fileId: string): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of readStoredFile(orgId, fileId)) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)!.trim() === "") lines.pop();
  return lines;
}

function parseLine(text: string, url: BatchUrl): { customId: string | null; body: unknown; error: { code: string; message: string } | null } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { customId: null, body: null, error: { code: "invalid_json", message: "This line is not valid JSON." } };
  }
  const customId = typeof (json as { custom_id?: unknown })?.custom_id === "string" ? (json as { custom_id: string }).custom_id : null;
  const parsed = BatchInputLine.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { customId, body: null, error: { code: "invalid_request", message: `${issue.path.join(".") || "line"}: ${issue.message}` } };
  }
  if (parsed.data.url !== url) return { customId, body: null, error: { code: "mismatched_url", message: `The line calls ${parsed.data.url}; this batch calls ${url}.` } };
  return { customId, body: parsed.data.body, error: null };
}

async function validateNewBatches(db: Db): Promise<number> {
  const batches = await db.select().from(inferenceBatches).where(eq(inferenceBatches.status, "validating")).orderBy(asc(inferenceBatches.id)).limit(5);
  for (const batch of batches) {
    let lines: string[];
    try {
      lines = await readLines(batch.orgId, batch.inputFileId);
    } catch {
      await failBatch(db, batch, [{ code: "file_unreadable", message: "The input file could not be read (it may have been deleted).", line: null }]);
      continue;
    }
    if (lines.length === 0 || lines.length > BATCH_MAX_LINES) {
      await failBatch(db, batch, [{ code: lines.length === 0 ? "empty_file" : "too_many_lines", message: lines.length === 0 ? "The input file has no lines." : `A batch may have at most ${BATCH_MAX_LINES} lines.`, line: null }]);
      continue;
    }
    const seen = new Set<string>();
    const rows = lines.map((text, i) => {
      const parsed = parseLine(text, batch.url as BatchUrl);
      let error = parsed.error;
      if (!error && parsed.customId !== null) {
        if (seen.has(parsed.customId)) error = { code: "duplicate_custom_id", message: `custom_id ${parsed.customId} appears on an earlier line.` };
        seen.add(parsed.customId);
      }
      return { batchId: batch.id, line: i + 1, customId: parsed.customId, status: error ? "failed" : "pending", body: error ? null : parsed.body, error, finishedAt: error ? new Date() : null };
    });
    const failed = rows.filter((r) => r.status === "failed").length;
    await db.transaction(async (tx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(inferenceBatchLines).values(rows.slice(i, i + INSERT_CHUNK)).onConflictDoNothing();
      await tx
        .update(inferenceBatches)
        .set({ status: "in_progress", inProgressAt: new Date(), totalCount: rows.length, failedCount: failed })
        .where(and(eq(inferenceBatches.id, batch.id), eq(inferenceBatches.status, "validating")));
    });
  }
  return batches.length;
}

async function failBatch(db: Db, batch: InferenceBatchRow, errors: NonNullable<InferenceBatchRow["errors"]>) {
  await db.update(inferenceBatches).set({ status: "failed", failedAt: new Date(), errors }).where(and(eq(inferenceBatches.id, batch.id), eq(inferenceBatches.status, "validating")));
}

// ---------------------------------------------------------------- expiry

async function expireOverdue(db: Db, now: Date) {
  const overdue = await db
    .select({ id: inferenceBatches.id })
    .from(inferenceBatches)
    .where(and(inArray(inferenceBatches.status, ["validating", "in_progress"]), lt(inferenceBatches.expiresAt, now)));
  for (const { id } of overdue) {
    await db.transaction(async (tx) => {
      const expired = await tx
        .update(inferenceBatchLines)
        .set({ status: "failed", error: { code: "batch_expired", message: "This request was not done within the batch's 24 h completion window." }, finishedAt: now })
        .where(and(eq(inferenceBatchLines.batchId, id), eq(inferenceBatchLines.status, "pending")))
        .returning({ line: inferenceBatchLines.line });
      await tx
        .update(inferenceBatches)
        .set({ status: "finalizing", finalizingAt: now, expiredAt: now, failedCount: sql`${inferenceBatches.failedCount} + ${expired.length}` })
        .where(and(eq(inferenceBatches.id, id), inArray(inferenceBatches.status, ["validating", "in_progress"])));
    });
  }
}

// ---------------------------------------------------------------- lines, on spare capacity

/** Lines this endpoint can take now: what its replicas' target leaves after interactive traffic, at least one (that wakes a scaled-to-zero endpoint). */
function spareSlots(row: typeof endpoints.$inferSelect, concurrency: number): number {
  const perReplica = row.autoscaling.metric === "concurrent_requests" ? row.autoscaling.target : 1;
  const capacity = Math.max(1, row.replicasReady) * perReplica;
  const interactive = interactiveInFlight(row.id);
  if (interactive >= capacity) return 0;
  return Math.max(1, Math.min(concurrency, capacity - interactive));
}

async function answer(cp: ControlPlane, endpoint: GatewayEndpoint, url: string, body: unknown): Promise<ChatCompletion | ReturnType<typeof toTextCompletion>> {
  if (url === "/v1/completions") {
    const request = CompletionRequest.parse(body);
    const result = await runChatCompletion(cp, endpoint, null, { ...toChatRequest(request), stream: false }, { background: true });
    if (result.kind !== "completion") throw new Error("a batch line asked for a stream");
    return toTextCompletion(result.completion);
  }
  const request = ChatCompletionRequest.parse(body);
  const result = await runChatCompletion(cp, endpoint, null, { ...request, stream: false, stream_options: undefined }, { background: true });
  if (result.kind !== "completion") throw new Error("a batch line asked for a stream");
  return result.completion;
}

/** A failure of the line itself (its body), as opposed to the endpoint not serving right now. */
function lineError(error: unknown): { code: string; message: string } | null {
  if (error && typeof error === "object" && "issues" in error) return { code: "invalid_request", message: "The request body does not match the API." };
  if (isAppError(error) && (error.code === "not_found" || error.code === "bad_request" || error.code === "validation_failed")) return { code: "invalid_request", message: error.message };
  return null;
}

async function recordLine(db: Db, batch: InferenceBatchRow, line: number, outcome: { response: unknown; usage: { prompt_tokens: number; completion_tokens: number } } | { error: { code: string; message: string } }) {
  const now = new Date();
  await db.transaction(async (tx) => {
    const done = await tx
      .update(inferenceBatchLines)
      .set("error" in outcome ? { status: "failed", error: outcome.error, finishedAt: now, requestId: newId("request") } : { status: "succeeded", response: outcome.response, finishedAt: now, requestId: newId("request") })
      .where(and(eq(inferenceBatchLines.batchId, batch.id), eq(inferenceBatchLines.line, line), eq(inferenceBatchLines.status, "pending")))
      .returning({ line: inferenceBatchLines.line });
    if (done.length === 0) return; // done already (another runner, or before a crash): counted then.
    if ("error" in outcome) {
      await tx.update(inferenceBatches).set({ failedCount: sql`${inferenceBatches.failedCount} + 1` }).where(eq(inferenceBatches.id, batch.id));
      return;
    }
    const { prompt_tokens: input, completion_tokens: output } = outcome.usage;
    await tx
      .update(inferenceBatches)
      .set({ completedCount: sql`${inferenceBatches.completedCount} + 1`, inputTokens: sql`${inferenceBatches.inputTokens} + ${input}`, outputTokens: sql`${inferenceBatches.outputTokens} + ${output}` })
      .where(eq(inferenceBatches.id, batch.id));
    // The key's usage (chargeback) includes its batches, metered here once with the line.
    await tx
      .insert(endpointKeyUsage)
      .values({ keyId: batch.keyId, day: jstDateOf(now), orgId: batch.orgId, endpointId: batch.endpointId, requests: 1, inputTokens: input, outputTokens: output })
      .onConflictDoUpdate({
        target: [endpointKeyUsage.keyId, endpointKeyUsage.day],
        set: { requests: sql`${endpointKeyUsage.requests} + 1`, inputTokens: sql`${endpointKeyUsage.inputTokens} + ${input}`, outputTokens: sql`${endpointKeyUsage.outputTokens} + ${output}` },
      });
  });
}

/** A batch spends its key's monthly token budget like interactive requests do (checked once a round). */
async function budgetSpent(db: Db, batch: InferenceBatchRow): Promise<boolean> {
  const [key] = await db.select({ budget: endpointKeys.monthlyTokenBudget, revokedAt: endpointKeys.revokedAt }).from(endpointKeys).where(eq(endpointKeys.id, batch.keyId)).limit(1);
  if (!key || key.budget === null) return false;
  return (await monthTokensUsed(async () => db, batch.keyId)) >= key.budget;
}

async function failPending(db: Db, batch: InferenceBatchRow, error: { code: string; message: string }) {
  const now = new Date();
  await db.transaction(async (tx) => {
    const failed = await tx
      .update(inferenceBatchLines)
      .set({ status: "failed", error, finishedAt: now })
      .where(and(eq(inferenceBatchLines.batchId, batch.id), eq(inferenceBatchLines.status, "pending")))
      .returning({ line: inferenceBatchLines.line });
    await tx.update(inferenceBatches).set({ failedCount: sql`${inferenceBatches.failedCount} + ${failed.length}` }).where(eq(inferenceBatches.id, batch.id));
  });
}

async function workOnLines(db: Db, cp: ControlPlane, concurrency: number, linesPerRound: number): Promise<number> {
  const batches = await db.select().from(inferenceBatches).where(eq(inferenceBatches.status, "in_progress")).orderBy(asc(inferenceBatches.id)).limit(20);
  let worked = 0;
  for (const batch of batches) {
    const [endpointRow] = await db.select().from(endpoints).where(and(eq(endpoints.orgId, batch.orgId), eq(endpoints.id, batch.endpointId))).limit(1);
    if (!endpointRow || endpointRow.deletedAt || (endpointRow.status !== "running" && endpointRow.status !== "updating")) continue;
    const slots = spareSlots(endpointRow, concurrency);
    if (slots === 0) continue;
    const spent = await budgetSpent(db, batch);
    if (spent) await failPending(db, batch, { code: "insufficient_quota", message: "The monthly token budget of the batch's API key is spent." });
    // Lines may name a LoRA adapter the endpoint serves (`<base>:<adapter>`), as interactive calls do.
    const endpoint = toGatewayEndpoint(endpointRow, await servedAdapterNames(db, endpointRow.orgId, endpointRow.id));
    const pending = spent ? [] : await db
      .select({ line: inferenceBatchLines.line, body: inferenceBatchLines.body })
      .from(inferenceBatchLines)
      .where(and(eq(inferenceBatchLines.batchId, batch.id), eq(inferenceBatchLines.status, "pending")))
      .orderBy(asc(inferenceBatchLines.line))
      .limit(linesPerRound);
    let next = 0;
    let stop = false;
    const worker = async () => {
      while (!stop && next < pending.length) {
        const item = pending[next++];
        try {
          const response = await answer(cp, endpoint, batch.url, item.body);
          await recordLine(db, batch, item.line, { response, usage: response.usage });
          worked++;
        } catch (error) {
          const failed = lineError(error);
          if (!failed) {
            // The endpoint is not serving (cold, updating, no capacity): the line stays pending for a later round.
            stop = true;
            return;
          }
          await recordLine(db, batch, item.line, { error: failed });
          worked++;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(slots, pending.length) }, worker));
    // Cancelled meanwhile: stop here; the finalization takes it from cancelling.
    const [current] = await db.select({ status: inferenceBatches.status }).from(inferenceBatches).where(eq(inferenceBatches.id, batch.id));
    if (current?.status !== "in_progress") continue;
    const [left] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(inferenceBatchLines)
      .where(and(eq(inferenceBatchLines.batchId, batch.id), eq(inferenceBatchLines.status, "pending")));
    if ((left?.n ?? 0) === 0) {
      await db.update(inferenceBatches).set({ status: "finalizing", finalizingAt: new Date() }).where(and(eq(inferenceBatches.id, batch.id), eq(inferenceBatches.status, "in_progress")));
    }
  }
  return worked;
}

// ---------------------------------------------------------------- output and error files

async function* jsonl(db: Db, batch: InferenceBatchRow, status: "succeeded" | "failed"): AsyncGenerator<string> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(inferenceBatchLines)
      .where(and(eq(inferenceBatchLines.batchId, batch.id), eq(inferenceBatchLines.status, status), sql`${inferenceBatchLines.line} > ${after}`))
      .orderBy(asc(inferenceBatchLines.line))
      .limit(1_000);
    if (rows.length === 0) return;
    for (const r of rows) {
      const id = `batch_req_${batch.id.slice(6)}_${r.line}`;
      const record =
        status === "succeeded"
          ? { id, custom_id: r.customId, response: { status_code: 200, request_id: r.requestId, body: r.response }, error: null }
          : { id, custom_id: r.customId, response: null, error: { ...r.error, line: r.line } };
      yield `${JSON.stringify(record)}\n`;
    }
    after = rows.at(-1)!.line;
  }
}

async function writeOutput(db: Db, batch: InferenceBatchRow, fileId: string, status: "succeeded" | "failed", suffix: string) {
  const stored = await storeFile(batch.orgId, fileId, jsonl(db, batch, status), Number.MAX_SAFE_INTEGER);
  return { id: fileId, orgId: batch.orgId, endpointId: batch.endpointId, purpose: "batch_output", filename: `${batch.id}_${suffix}.jsonl`, bytes: stored.bytes, sha256: stored.sha256, createdByKeyId: null };
}

async function finalizeDone(db: Db, now: Date): Promise<number> {
  const ready = await db.select().from(inferenceBatches).where(inArray(inferenceBatches.status, ["finalizing", "cancelling"])).orderBy(asc(inferenceBatches.id)).limit(5);
  for (const found of ready) {
    // Ids first (once), then the files, then the rows and the final status in one transaction.
    await db
      .update(inferenceBatches)
      .set({ outputFileId: sql`coalesce(${inferenceBatches.outputFileId}, ${newId("inferenceFile")})`, errorFileId: sql`coalesce(${inferenceBatches.errorFileId}, ${newId("inferenceFile")})` })
      .where(eq(inferenceBatches.id, found.id));
    const [batch] = await db.select().from(inferenceBatches).where(eq(inferenceBatches.id, found.id));
    const files = [await writeOutput(db, batch, batch.outputFileId!, "succeeded", "output"), await writeOutput(db, batch, batch.errorFileId!, "failed", "error")];
    const final = batch.status === "cancelling" ? { status: "cancelled", cancelledAt: now } : batch.expiredAt ? { status: "expired" } : { status: "completed", completedAt: now };
    const written = files.filter((f) => f.bytes > 0);
    await db.transaction(async (tx) => {
      if (written.length > 0) await tx.insert(inferenceFiles).values(written).onConflictDoNothing();
      await tx
        .update(inferenceBatches)
        .set({ ...final, outputFileId: files[0].bytes > 0 ? files[0].id : null, errorFileId: files[1].bytes > 0 ? files[1].id : null })
        .where(and(eq(inferenceBatches.id, batch.id), eq(inferenceBatches.status, batch.status)));
    });
    for (const f of files) if (f.bytes === 0) await removeStoredFile(f.orgId, f.id);
  }
  return ready.length;
}
