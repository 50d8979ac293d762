import OpenAI, { toFile } from "openai";
import { apiFromPage, expect, ORG, signIn, test, UNTIL_DONE, USERS } from "../fixtures";
import { runningEndpointViaApi, uniqueName } from "./helpers";

// The Batch API of an endpoint with the official `openai` client against the running console:
// the server's own batch runner does the lines in the background.

const line = (i: number) => JSON.stringify({ custom_id: `invoice-${i}`, method: "POST", url: "/v1/chat/completions", body: { messages: [{ role: "user", content: `請求書 ${i} を要約してください` }], max_tokens: 12 } });

test("200 requests as a batch: upload, create, poll to completed, every custom_id answered, a malformed line in the error file, and a cancel", async ({ page, baseURL, leftovers }) => {
  await signIn(page, USERS.developer);
  const endpoint = await runningEndpointViaApi(page, leftovers, uniqueName("batch"));
  const key = await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}/keys`, { method: "POST", body: { name: "夜間バッチ" } });
  const client = new OpenAI({ apiKey: key.body.secret, baseURL: `${baseURL}/inference/${endpoint.id}/v1`, maxRetries: 0 });

  const lines = Array.from({ length: 200 }, (_, i) => line(i));
  lines.splice(100, 0, '{"custom_id": "broken", "method": "POST"');
  const file = await client.files.create({ file: await toFile(Buffer.from(lines.join("\n")), "invoices.jsonl"), purpose: "batch" });
  const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
  expect(batch.status).toBe("validating");

  await expect.poll(async () => (await client.batches.retrieve(batch.id)).status, { ...UNTIL_DONE, intervals: [500] }).toBe("completed");
  const done = await client.batches.retrieve(batch.id);
  expect(done.request_counts).toEqual({ total: 201, completed: 200, failed: 1 });

  const output = (await (await client.files.content(done.output_file_id!)).text()).trim().split("\n").map((l) => JSON.parse(l));
  expect(output.map((o) => o.custom_id).sort()).toEqual(Array.from({ length: 200 }, (_, i) => `invoice-${i}`).sort());
  expect(output.every((o) => o.response.status_code === 200 && o.response.body.choices[0].message.content.length > 0)).toBe(true);
  const errors = (await (await client.files.content(done.error_file_id!)).text()).trim().split("\n").map((l) => JSON.parse(l));
  expect(errors).toHaveLength(1);
  expect(errors[0].error).toMatchObject({ code: "invalid_json", line: 101 });

  // Cancel: a second batch stops and ends cancelled.
  const second = await client.files.create({ file: await toFile(Buffer.from(Array.from({ length: 200 }, (_, i) => line(i)).join("\n")), "more.jsonl"), purpose: "batch" });
  const running = await client.batches.create({ input_file_id: second.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
  const cancelling = await client.batches.cancel(running.id);
  expect(["cancelling", "cancelled"]).toContain(cancelling.status);
  await expect.poll(async () => (await client.batches.retrieve(running.id)).status, { ...UNTIL_DONE, intervals: [500] }).toBe("cancelled");
  expect((await client.batches.retrieve(running.id)).request_counts?.completed).toBeLessThan(200);

  // The batch's tokens are the key's usage too (chargeback).
  await expect
    .poll(async () => (await apiFromPage(page, `/api/v1/orgs/${ORG}/endpoints/${endpoint.id}/keys/${key.body.id}/usage`)).body.monthToDate.requests, UNTIL_DONE)
    .toBeGreaterThanOrEqual(200);
});
