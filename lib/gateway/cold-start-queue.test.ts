import http from "node:http";
import type { AddressInfo } from "node:net";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { ManualClock } from "@/lib/control-plane/sim/clock";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { createEndpoint } from "@/lib/services/endpoints/create-endpoint";
import { createEndpointKey } from "@/lib/services/endpoints/create-endpoint-key";
import { getEndpoint } from "@/lib/services/endpoints/get-endpoint";
import { syncEndpoints } from "@/lib/services/endpoints/testing";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import { coldStartWaiting, setColdStartLimits } from "./cold-start-queue";
import { handleInference, setGatewayRateLimit } from "./handler";

// From zero, through the gateway, with the official `openai` client: while a replica cold-starts
// the requests wait in a bounded queue and every one of them is answered; the one past the bound,
// and one that waits past the timeout, get OpenAI's 503 with Retry-After. The simulator runs on a
// manual clock, so the cold start lasts exactly until the test moves time on.

let handle: DbHandle;
let sim: SimulatedControlPlane;
let clock: ManualClock;
let server: http.Server;
let baseUrl: string;
let acme: Awaited<ReturnType<typeof orgWithRoles>>;
let n = 0;

const BOUND = 16;

beforeAll(async () => {
  handle = await createTestDatabase();
  // Demo pace: the cold start of a 3B model is seconds of simulated time, which only pass when told.
  ({ sim, clock } = await freshSimulator(handle.db, { timing: { speed: 1, coldStartFactor: 0.2 } }));
  setControlPlane(sim);
  acme = await orgWithRoles(handle.db, "acme-cold");
  server = http.createServer((req, res) => void handleInference(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setGatewayRateLimit(100_000, 100_000);
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await sim?.close();
  setControlPlane(undefined);
  await handle?.close();
});

/** A running endpoint scaled to zero, and an official client for it that never retries by itself. */
async function scaledToZero(): Promise<{ id: string; client: OpenAI }> {
  const created = await createEndpoint(sim, acme.as.developer, acme.slug, { name: `cold-${++n}`, modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 0, maxReplicas: 1 });
  for (let i = 0; i < 30 && (await getEndpoint(acme.as.developer, acme.slug, created.id)).status !== "running"; i++) {
    await sim.advance(5_000);
    await syncEndpoints(handle.db);
  }
  const endpoint = await getEndpoint(acme.as.developer, acme.slug, created.id);
  expect(endpoint).toMatchObject({ status: "running", replicas: { current: 0, ready: 0 } });
  const { secret } = await createEndpointKey(acme.as.developer, acme.slug, created.id, { name: "cold" });
  return { id: created.id, client: new OpenAI({ apiKey: secret, baseURL: `${baseUrl}/inference/${created.id}/v1`, maxRetries: 0 }) };
}

async function refusal(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

describe("the gateway's cold-start queue", () => {
  it("answers every request within the bound once the replica serves, and the one past it a 503 with Retry-After", async () => {
    setColdStartLimits({ maxWaiting: BOUND, timeoutMs: 60_000 });
    const { id, client } = await scaledToZero();
    const messages = (i: number) => [{ role: "user" as const, content: `起動待ちの質問 ${i}` }];

    // Half ask for whole answers, half stream.
    const answers = Array.from({ length: BOUND }, async (_, i) => {
      if (i % 2 === 0) {
        const { data, response } = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: messages(i) }).withResponse();
        return { text: data.choices[0].message.content ?? "", waitedHeader: response.headers.get("x-hinoki-queue-wait-ms") };
      }
      const stream = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: messages(i), stream: true });
      let text = "";
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      return { text, waitedHeader: "streamed" };
    });
    await expect.poll(() => coldStartWaiting(id), { timeout: 30_000 }).toBe(BOUND);

    const over = await refusal(client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: messages(99) }));
    expect(over.status).toBe(503);
    expect(over.error).toMatchObject({ type: "server_error", code: "cold_start_queue_full" });
    expect(Number(over.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(over.headers?.get("x-hinoki-queue-timeout-ms")).toBe("60000");

    // The replica becomes ready: none of the waiting requests is dropped.
    await sim.advance(60_000);
    const results = await Promise.all(answers);
    expect(results).toHaveLength(BOUND);
    for (const r of results) expect(r.text).toContain("シミュレーター応答");
    expect(Number(results[0].waitedHeader)).toBeGreaterThanOrEqual(0);
    expect(coldStartWaiting(id)).toBe(0);

    // Warm now: a request goes straight through, not through the queue.
    const { response } = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: messages(100) }).withResponse();
    expect(response.headers.get("x-hinoki-queue-wait-ms")).toBeNull();
  }, 120_000);

  it("answers a request that waited past the timeout with a 503 and Retry-After, and serves the next once the replica is up", async () => {
    setColdStartLimits({ maxWaiting: BOUND, timeoutMs: 400 });
    const { id, client } = await scaledToZero();
    const startedAt = clock.now();
    const late = await refusal(client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: "待ちきれない質問" }] }));
    expect(late.status).toBe(503);
    expect(late.error).toMatchObject({ type: "server_error", code: "cold_start_timeout" });
    expect(late.message).toContain("waited 0.4 s");
    expect(Number(late.headers?.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(late.headers?.get("x-hinoki-queue-timeout-ms")).toBe("400");

    // The cold start it began goes on; once the replica serves, the client's retry is answered.
    clock.set(startedAt + 60_000);
    await sim.tick();
    setColdStartLimits({ maxWaiting: BOUND, timeoutMs: 60_000 });
    const answer = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: "もう一度" }] });
    expect(answer.choices[0].message.content).toContain("シミュレーター応答");
    expect(coldStartWaiting(id)).toBe(0);
  }, 120_000);
});
