import { mkdtempSync } from "node:fs";
import { readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import OpenAI, { toFile } from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { endpointKeyUsage, inferenceBatchLines } from "@/lib/db/schema";
import { setGatewayRateLimit } from "@/lib/gateway/handler";
import { startGatewayHarness, type GatewayHarness } from "../testing/gateway-harness";
import { createEndpointKey } from "../endpoints/create-endpoint-key";
import { trackInteractive } from "../endpoints/gateway-cache";
import { runBatchRound } from "./run-batches";
import { updateEndpointKey } from "../endpoints/update-endpoint-key";
import { processControlPlane } from "@/lib/services/process-control-plane";
import { ingestMeteringRecords } from "@/lib/billing";
import { DEFAULT_PRICE_BOOK } from "@/lib/domain/billing";
import { addDays, jstDateOf } from "@/lib/domain/billing/jst";
import type { MeteringRecord } from "@/lib/domain/metering";
import { getCosts } from "../billing/get-costs";

// The Batch API through the real gateway handler with the official `openai` client, on PGlite
// and PostgreSQL: upload, create, poll to completed while the runner works, match every
// custom_id in the output, malformed lines in the error file, cancel; and the runner's
// exactly-once rule when two rounds race over the same lines.

let harness: GatewayHarness;
let handle: DbHandle;
let acme: GatewayHarness["org"];
let baseUrl: string;
let endpointId: string;
let otherEndpointId: string;
let secret: string;
let otherSecret: string;
let keyId: string;

const client = (key = secret, endpoint = endpointId) => new OpenAI({ apiKey: key, baseURL: `${baseUrl}/inference/${endpoint}/v1`, maxRetries: 0 });
const line = (i: number) => JSON.stringify({ custom_id: `req-${i}`, method: "POST", url: "/v1/chat/completions", body: { model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: `質問 ${i}` }], max_tokens: 16 } });

async function upload(text: string, c = client()) {
  return c.files.create({ file: await toFile(Buffer.from(text), "input.jsonl"), purpose: "batch" });
}

async function runUntil(batchId: string, statuses: string[], c = client()) {
  for (let round = 0; round < 200; round++) {
    const batch = await c.batches.retrieve(batchId);
    if (statuses.includes(batch.status)) return batch;
    await runBatchRound(handle.db, await processControlPlane(), { concurrency: 8, linesPerRound: 64 });
  }
  throw new Error(`batch ${batchId} never reached ${statuses.join("/")}`);
}

beforeAll(async () => {
  process.env.HINOKI_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "hinoki-batches-"));
  harness = await startGatewayHarness("acme-batch");
  ({ handle, baseUrl, org: acme } = harness);
  endpointId = await harness.runningEndpoint("batch-chat");
  otherEndpointId = await harness.runningEndpoint("batch-other");
  const key = await createEndpointKey(acme.as.developer, acme.slug, endpointId, { name: "batch" });
  secret = key.secret;
  keyId = key.id;
  otherSecret = (await createEndpointKey(acme.as.developer, acme.slug, otherEndpointId, { name: "other" })).secret;
}, 180_000);

afterAll(async () => harness?.close());

beforeEach(() => setGatewayRateLimit(100_000, 100_000));

describe("Batch API with the official openai client", () => {
  it("runs 200 requests to completed, answers every custom_id once, and puts a malformed line in the error file", async () => {
    const lines = Array.from({ length: 200 }, (_, i) => line(i));
    lines.splice(57, 0, "{ this is not json");
    const file = await upload(`${lines.join("\n")}\n`);
    expect(file).toMatchObject({ object: "file", purpose: "batch", filename: "input.jsonl", bytes: Buffer.byteLength(`${lines.join("\n")}\n`) });
    expect((await client().files.retrieve(file.id)).id).toBe(file.id);
    expect((await client().files.list()).data.map((f) => f.id)).toContain(file.id);

    const created = await client().batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h", metadata: { job: "nightly" } });
    expect(created).toMatchObject({ object: "batch", status: "validating", input_file_id: file.id, completion_window: "24h", metadata: { job: "nightly" } });

    const done = await runUntil(created.id, ["completed", "failed"]);
    expect(done.status).toBe("completed");
    expect(done.request_counts).toEqual({ total: 201, completed: 200, failed: 1 });
    expect(done.in_progress_at).toBeGreaterThanOrEqual(done.created_at);
    expect(done.completed_at).toBeGreaterThanOrEqual(done.in_progress_at!);

    const output = (await (await client().files.content(done.output_file_id!)).text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(output).toHaveLength(200);
    expect(new Set(output.map((o) => o.custom_id))).toEqual(new Set(Array.from({ length: 200 }, (_, i) => `req-${i}`)));
    for (const o of output) {
      expect(o.response.status_code).toBe(200);
      expect(o.response.body.object).toBe("chat.completion");
      expect(o.response.body.choices[0].message.content).toContain("シミュレーター応答");
    }
    const errors = (await (await client().files.content(done.error_file_id!)).text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(errors).toEqual([expect.objectContaining({ custom_id: null, response: null, error: expect.objectContaining({ code: "invalid_json", line: 58 }) })]);

    // The key's usage includes the batch, once per line.
    const usage = await handle.db.select().from(endpointKeyUsage).where(eq(endpointKeyUsage.keyId, keyId));
    expect(usage.reduce((n, r) => n + r.requests, 0)).toBe(200);
    expect((await client().batches.list()).data.map((b) => b.id)).toContain(created.id);
  });

  it("cancels a batch: it stops taking lines and ends cancelled with what was done", async () => {
    const file = await upload(Array.from({ length: 40 }, (_, i) => line(i)).join("\n"));
    const batch = await client().batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    await runBatchRound(handle.db, await processControlPlane(), { concurrency: 2, linesPerRound: 4 });
    const cancelling = await client().batches.cancel(batch.id);
    expect(cancelling.status).toBe("cancelling");
    const cancelled = await runUntil(batch.id, ["cancelled"]);
    expect(cancelled.request_counts?.completed).toBe(4);
    expect(cancelled.cancelled_at).not.toBeNull();
    const output = (await (await client().files.content(cancelled.output_file_id!)).text()).trim().split("\n");
    expect(output).toHaveLength(4);
    await expect(client().batches.cancel(batch.id)).resolves.toMatchObject({ status: "cancelled" });
  });

  it("waits while interactive traffic fills the endpoint, and runs when it leaves", async () => {
    const file = await upload(line(1));
    const batch = await client().batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    const busy = Array.from({ length: 8 }, () => trackInteractive(endpointId)); // the target: 8 concurrent per replica
    try {
      for (let i = 0; i < 3; i++) await runBatchRound(handle.db, await processControlPlane());
      expect((await client().batches.retrieve(batch.id)).request_counts).toMatchObject({ total: 1, completed: 0 });
    } finally {
      busy.forEach((done) => done());
    }
    await expect(runUntil(batch.id, ["completed"])).resolves.toMatchObject({ request_counts: { total: 1, completed: 1, failed: 0 } });
  });

  it("does a line once when two runners race over it (crash takeover)", async () => {
    const file = await upload(Array.from({ length: 10 }, (_, i) => line(i)).join("\n"));
    const batch = await client().batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    await runBatchRound(handle.db, await processControlPlane(), { concurrency: 1, linesPerRound: 0 }); // validate only
    // Two rounds at once take the same pending lines: each line is recorded by one of them.
    await Promise.all([runBatchRound(handle.db, await processControlPlane(), { concurrency: 3, linesPerRound: 10 }), runBatchRound(handle.db, await processControlPlane(), { concurrency: 3, linesPerRound: 10 })]);
    const done = await runUntil(batch.id, ["completed"]);
    expect(done.request_counts).toEqual({ total: 10, completed: 10, failed: 0 });
    const rows = await handle.db.select().from(inferenceBatchLines).where(eq(inferenceBatchLines.batchId, batch.id));
    expect(rows.filter((r) => r.status === "succeeded")).toHaveLength(10);
    expect(done.usage?.total_tokens).toBe(rows.reduce((n, r) => n + ((r.response as { usage: { total_tokens: number } }).usage.total_tokens), 0));
  });

  it("keeps each endpoint's files and batches to its own keys, refuses other purposes, and deletes files", async () => {
    const file = await upload(line(1));
    const other = client(otherSecret, otherEndpointId);
    await expect(other.files.retrieve(file.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(other.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    // A key of one endpoint cannot reach another endpoint's Batch API at all.
    await expect(client(secret, otherEndpointId).files.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await expect(client().files.create({ file: await toFile(Buffer.from(line(1)), "x.jsonl"), purpose: "fine-tune" })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client().batches.create({ input_file_id: file.id, endpoint: "/v1/embeddings" as never, completion_window: "24h" })).rejects.toBeInstanceOf(OpenAI.BadRequestError);

    const before = await readdir(path.join(process.env.HINOKI_DATA_DIR!, "inference-files", acme.orgId));
    expect(before).toContain(file.id);
    await expect(client().files.delete(file.id)).resolves.toMatchObject({ id: file.id, deleted: true });
    await expect(client().files.retrieve(file.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    expect(await readdir(path.join(process.env.HINOKI_DATA_DIR!, "inference-files", acme.orgId))).not.toContain(file.id);
  });

  it("refuses an upload past the size limit and keeps no partial file", async () => {
    process.env.HINOKI_BATCH_FILE_MAX_BYTES = "1000";
    try {
      const before = await readdir(path.join(process.env.HINOKI_DATA_DIR!, "inference-files", acme.orgId));
      const error = await upload(Array.from({ length: 50 }, (_, i) => line(i)).join("\n")).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
      expect(await readdir(path.join(process.env.HINOKI_DATA_DIR!, "inference-files", acme.orgId))).toEqual(before);
    } finally {
      delete process.env.HINOKI_BATCH_FILE_MAX_BYTES;
    }
  });
});

describe("a batch and its key's monthly token budget", () => {
  it("fails the lines left with insufficient_quota once the key's budget is spent, and still finishes", async () => {
    const key = await createEndpointKey(acme.as.developer, acme.slug, endpointId, { name: "budgeted-batch" });
    const c = client(key.secret);
    const file = await upload(Array.from({ length: 6 }, (_, i) => line(i)).join("\n"), c);
    const batch = await c.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    await runBatchRound(handle.db, await processControlPlane(), { concurrency: 1, linesPerRound: 2 });
    expect((await c.batches.retrieve(batch.id)).request_counts?.completed).toBe(2);
    // A budget already spent by the two lines done.
    await updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: 1 });
    const done = await runUntil(batch.id, ["completed"], c);
    expect(done.request_counts).toEqual({ total: 6, completed: 2, failed: 4 });
    const errors = (await (await c.files.content(done.error_file_id!)).text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(errors.map((e) => e.error.code)).toEqual(Array(4).fill("insufficient_quota"));
  });
});

describe("what a batch is billed", () => {
  it("meters batch tokens apart from interactive ones, and prices them at the price book's batch discount, to the yen", async () => {
    const endpoint = await harness.runningEndpoint("batch-billing");
    const c = client((await createEndpointKey(acme.as.developer, acme.slug, endpoint, { name: "billing" })).secret, endpoint);
    const interactive = await c.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: "今日の予定は？" }] });
    const file = await upload(Array.from({ length: 10 }, (_, i) => line(i)).join("\n"), c);
    const batch = await c.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
    const done = await runUntil(batch.id, ["completed"], c);
    expect(done.request_counts).toEqual({ total: 10, completed: 10, failed: 0 });

    // The control plane closes the interval and logs the endpoint's tokens: batch work on its own meter.
    await harness.sim.advance(120_000);
    await harness.sim.advance(120_000);
    const page = await harness.sim.meteringSince(null, 5000);
    const mine = (page.records as MeteringRecord[]).filter((r) => r.resourceId === endpoint && (r.meter === "tokens" || r.meter === "batch_tokens"));
    const sum = (meter: string) => mine.filter((r) => r.meter === meter).reduce((n, r) => ({ inputTokens: n.inputTokens + r.inputTokens, outputTokens: n.outputTokens + r.outputTokens, requests: n.requests + r.requests }), { inputTokens: 0, outputTokens: 0, requests: 0 });
    expect(sum("tokens")).toEqual({ inputTokens: interactive.usage!.prompt_tokens, outputTokens: interactive.usage!.completion_tokens, requests: 1 });
    expect(sum("batch_tokens")).toEqual({ inputTokens: done.usage!.input_tokens, outputTokens: done.usage!.output_tokens, requests: 10 });

    // Priced at ¥2 (input) and ¥4 (output) a token, batch tokens cost half: ¥1 and ¥2.
    const priceBook = { ...DEFAULT_PRICE_BOOK, tokenMicroJpy: { input: 2_000_000n, output: 4_000_000n } };
    await ingestMeteringRecords(handle.db, mine, { priceBook });
    // The days of the simulator's clock, which need not be today's.
    const day = jstDateOf(Date.parse(mine[0].intervalStart));
    const range = { from: addDays(day, -1), to: addDays(day, 2) };
    const costs = await getCosts(acme.as.owner, acme.slug, { ...range, groupBy: "service" });
    const byService = Object.fromEntries(costs.rows.map((r) => [r.key, r]));
    expect(byService.inference).toMatchObject({ costJpy: 2 * interactive.usage!.prompt_tokens + 4 * interactive.usage!.completion_tokens, tokens: interactive.usage!.total_tokens });
    expect(byService.inference_batch).toMatchObject({
      costJpy: done.usage!.input_tokens + 2 * done.usage!.output_tokens,
      listCostJpy: done.usage!.input_tokens + 2 * done.usage!.output_tokens,
      tokens: done.usage!.total_tokens,
    });
    // By SKU, the batch's input and output are lines of their own.
    const bySku = Object.fromEntries((await getCosts(acme.as.owner, acme.slug, { ...range, groupBy: "shape" })).rows.map((r) => [r.key, r.costJpy]));
    expect(bySku).toMatchObject({ "tokens-batch-input": done.usage!.input_tokens, "tokens-batch-output": 2 * done.usage!.output_tokens });
  });
});
