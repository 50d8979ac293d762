import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { endpointKeys, endpointMetrics, endpoints, gpuReservations, residencyPolicies } from "@/lib/db/schema";
import { createTestDatabase } from "@/lib/db/testing";
import { getControlPlane, setControlPlane, type ControlPlane } from "@/lib/control-plane";
import { expectAppError, freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { AppError } from "@/lib/domain/errors";
import { createControlPlaneServer } from "@/lib/control-plane/server/server";
import { handleInference, setGatewayRateLimit } from "@/lib/gateway/handler";
import { saveContract } from "@/lib/billing/contracts";
import { orgWithRoles } from "../testing/fixtures";
import { createEndpoint } from "./create-endpoint";
import { createEndpointKey } from "./create-endpoint-key";
import { deleteEndpoint } from "./delete-endpoint";
import { gatewayCaches, resolveKey } from "./gateway-cache";
import { getEndpoint } from "./get-endpoint";
import { getEndpointMetrics } from "./get-endpoint-metrics";
import { listEndpointKeys } from "./list-endpoint-keys";
import { listEndpoints } from "./list-endpoints";
import { flushMetering } from "./metering-buffer";
import { playgroundChat } from "./playground-chat";
import { preflightEndpoint } from "./preflight-endpoint";
import { revokeEndpointKey } from "./revoke-endpoint-key";
import { syncEndpoints } from "./testing";
import { updateEndpoint } from "./update-endpoint";
import { processControlPlane } from "@/lib/services/process-control-plane";

// Endpoint orders, keys, the gateway and its metering, on a real database and the embedded
// simulator (instant timing, so a lifecycle is a couple of sync rounds).

let handle: DbHandle;
let sim: SimulatedControlPlane;
let acme: Awaited<ReturnType<typeof orgWithRoles>>;
let other: Awaited<ReturnType<typeof orgWithRoles>>;
let server: http.Server;
let baseUrl: string;
let n = 0;

const small = (overrides: Record<string, unknown> = {}) => ({
  name: `chat-${++n}`,
  modelId: "sarashina2.2-3b-instruct",
  shapeId: "l40s-1x",
  zoneId: "jp-tokyo-1a",
  minReplicas: 1,
  maxReplicas: 2,
  ...overrides,
});

async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i++) {
    await sim.advance(1_000);
    await syncEndpoints(handle.db);
  }
}

async function runningEndpoint(overrides: Record<string, unknown> = {}) {
  const created = await createEndpoint(await processControlPlane(), acme.as.developer, acme.slug, small(overrides));
  await settle();
  const endpoint = await getEndpoint(acme.as.developer, acme.slug, created.id);
  expect(endpoint.status).toBe("running");
  return endpoint;
}

async function held(resourceId: string): Promise<number> {
  const rows = await handle.db.select().from(gpuReservations).where(eq(gpuReservations.resourceId, resourceId));
  return rows.reduce((s, r) => s + r.gpus, 0);
}

beforeAll(async () => {
  handle = await createTestDatabase();
  ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
  setControlPlane(sim);
  acme = await orgWithRoles(handle.db, "acme-ep");
  other = await orgWithRoles(handle.db, "other-ep");
  server = http.createServer((req, res) => void handleInference(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.close();
  await sim?.close();
  setControlPlane(undefined);
  await handle?.close();
});

beforeEach(() => {
  setGatewayRateLimit(10_000, 10_000);
});

describe("model and shape fit", () => {
  it("offers only the shapes that fit the model, and refuses the others before anything is created", async () => {
    const preflight = await preflightEndpoint(await getControlPlane(), acme.as.developer, acme.slug, { modelId: "llama-3.3-swallow-70b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 });
    expect(preflight.shapes.map((s) => s.shapeId)).toEqual(["h100-8x", "h200-8x", "b200-8x"]);
    expect(preflight.problems).toContainEqual(expect.objectContaining({ field: "shapeId", code: "shape_unfit" }));
    const error = await expectAppError(createEndpoint(await processControlPlane(), acme.as.developer, acme.slug, small({ modelId: "llama-3.3-swallow-70b-instruct" })), "business_rule");
    expect(error.details?.field).toBe("shapeId");
    expect((await listEndpoints(acme.as.developer, acme.slug)).items.map((e) => e.modelId)).not.toContain("llama-3.3-swallow-70b-instruct");
  });

  it("shows the price at the minimum and the maximum, and the cold start when it scales to zero", async () => {
    const preflight = await preflightEndpoint(await getControlPlane(), acme.as.developer, acme.slug, { modelId: "qwen3-32b", shapeId: "h100-1x", zoneId: "jp-tokyo-1a", minReplicas: 0, maxReplicas: 3 });
    expect(preflight.problems).toEqual([]);
    expect(preflight.price).toEqual({
      perHourAtMin: { amount: 0, currency: "JPY" },
      perHourAtMax: { amount: 2940, currency: "JPY" },
      perMonthAtMin: { amount: 0, currency: "JPY" },
      perMonthAtMax: { amount: 2940 * 730, currency: "JPY" },
      contract: null,
    });
    expect(preflight.coldStartSeconds).toBe(80);
  });

  it("prices with the org's contract when it discounts the shape, list price beside it", async () => {
    const contracted = await orgWithRoles(handle.db, "ep-contract");
    await saveContract(handle.db, contracted.orgId, { discountPercent: 5, discountByGpuModel: { L40S: 12.5 }, effectiveFrom: "2026-01-01" }, { now: new Date("2025-12-01T00:00:00Z") });
    const preflight = await preflightEndpoint(await getControlPlane(), contracted.as.developer, contracted.slug, { modelId: "sarashina2.2-3b-instruct", shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 3 });
    // ¥290 an hour less 12.5 % (the L40S discount replaces the overall 5 %) = ¥253.75 per replica.
    expect(preflight.price).toEqual({
      perHourAtMin: { amount: 290, currency: "JPY" },
      perHourAtMax: { amount: 870, currency: "JPY" },
      perMonthAtMin: { amount: 290 * 730, currency: "JPY" },
      perMonthAtMax: { amount: 870 * 730, currency: "JPY" },
      contract: { discountPercent: 12.5, perHourAtMinJpy: 253.75, perHourAtMaxJpy: 761.25, perMonthAtMinJpy: 185_237, perMonthAtMaxJpy: 555_711 },
    });
  });
});

describe("residency, quota and capacity", () => {
  it("refuses a zone outside the org's residency policy", async () => {
    await handle.db.insert(residencyPolicies).values({ orgId: other.orgId, allowedRegions: ["jp-osaka-1"] });
    const preflight = await preflightEndpoint(await getControlPlane(), other.as.developer, other.slug, small());
    expect(preflight.allowedZoneIds).toEqual(["jp-osaka-1a", "jp-osaka-1b"]);
    await expectAppError(createEndpoint(await processControlPlane(), other.as.developer, other.slug, small()), "residency_violation");
  });

  it("refuses a minimum that would exceed the GPU quota, and says how far autoscaling may go", async () => {
    const preflight = await preflightEndpoint(await getControlPlane(), acme.as.developer, acme.slug, small({ modelId: "qwen3-32b", shapeId: "h100-8x", minReplicas: 3, maxReplicas: 4 }));
    expect(preflight.quota).toMatchObject({ gpuModel: "H100", limit: 16, requestedAtMin: 24 });
    expect(preflight.maxReplicasWithinQuota).toBe(2);
    const error = await expectAppError(createEndpoint(await processControlPlane(), acme.as.developer, acme.slug, small({ modelId: "qwen3-32b", shapeId: "h100-8x", minReplicas: 3, maxReplicas: 4 })), "quota_exceeded");
    expect(error.details).toMatchObject({ field: "minReplicas", limit: 16, requestedAtMin: 24 });
  });

  it("refuses a zone without the shape, naming the zones where it is available", async () => {
    const error = await expectAppError(createEndpoint(await processControlPlane(), acme.as.developer, acme.slug, small({ modelId: "qwen3-32b", shapeId: "gb200-tray", minReplicas: 1 })), "capacity_unavailable");
    expect(error.details?.field).toBe("zoneId");
    const zones = (error.details?.availableIn as Array<{ zoneId: string }>).map((z) => z.zoneId);
    expect(zones).toEqual(expect.arrayContaining(["jp-osaka-1a", "jp-hokkaido-1a"]));
  });
});

describe("lifecycle and the GPUs it holds", () => {
  it("creates, scales and deletes, keeping gpu_reservations in step", async () => {
    const created = await createEndpoint(await processControlPlane(), acme.as.developer, acme.slug, small({ minReplicas: 1, maxReplicas: 3 }));
    expect(created.status).toBe("provisioning");
    expect(created.operation?.kind).toBe("endpoint.create");
    expect(await held(created.id)).toBe(1);
    await settle();
    const running = await getEndpoint(acme.as.viewer, acme.slug, created.id);
    expect(running).toMatchObject({ status: "running", replicas: { current: 1, ready: 1 }, simulated: true, basePath: `/inference/${created.id}/v1` });

    const scaling = await updateEndpoint(await processControlPlane(), acme.as.developer, acme.slug, created.id, { minReplicas: 2 });
    expect(scaling.status).toBe("updating");
    expect(await held(created.id)).toBe(2);
    await settle();
    expect((await getEndpoint(acme.as.developer, acme.slug, created.id)).replicas.current).toBe(2);

    await expectAppError(updateEndpoint(await processControlPlane(), acme.as.viewer, acme.slug, created.id, { minReplicas: 1 }), "forbidden");
    const deleting = await deleteEndpoint(await processControlPlane(), acme.as.developer, acme.slug, created.id);
    expect(deleting.status).toBe("deleting");
    await settle();
    expect(await held(created.id)).toBe(0);
    await expectAppError(getEndpoint(acme.as.developer, acme.slug, created.id), "not_found");
  });

  it("hands an order to the control plane once, even when the first answer is lost", async () => {
    let lost = 0;
    const flaky: ControlPlane = Object.create(sim);
    flaky.createEndpoint = async (spec, key) => {
      const op = await sim.createEndpoint(spec, key);
      if (lost++ === 0) throw new AppError("control_plane_unavailable", "connection reset");
      return op;
    };
    setControlPlane(flaky);
    try {
      const created = await createEndpoint(flaky, acme.as.developer, acme.slug, small());
      // Saved and waiting to be submitted again: the public Operation says "pending" (it said "running" with a "submitting" step before the endpoint's own summary was folded into it).
      expect(created.operation).toMatchObject({ kind: "endpoint.create", status: "pending", attempts: 1 });
      await settle();
      expect((await getEndpoint(acme.as.developer, acme.slug, created.id)).status).toBe("running");
      expect((await sim.listEndpoints(acme.orgId)).filter((e) => e.id === created.id)).toHaveLength(1);
      expect(lost).toBe(2);
    } finally {
      setControlPlane(sim);
    }
  });

  it("is a 404 for another org, and reads are open to viewers but changes are not", async () => {
    const endpoint = await runningEndpoint();
    await expectAppError(getEndpoint(other.as.owner, acme.slug, endpoint.id), "not_found");
    await expectAppError(getEndpoint(other.as.owner, other.slug, endpoint.id), "not_found");
    await expectAppError(createEndpointKey(other.as.owner, other.slug, endpoint.id, { name: "x" }), "not_found");
    await expectAppError(getEndpointMetrics(other.as.owner, other.slug, endpoint.id), "not_found");
    await expectAppError(createEndpointKey(acme.as.viewer, acme.slug, endpoint.id, { name: "x" }), "forbidden");
    expect((await listEndpoints(other.as.owner, other.slug)).items).toEqual([]);
  });
});

describe("keys and the gateway", () => {
  it("stores only the SHA-256 of a key, shows it once, and refuses it the moment it is revoked", async () => {
    const endpoint = await runningEndpoint();
    const key = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "ci" });
    expect(key.secret).toMatch(/^hki_[A-Za-z0-9_-]{43}$/);
    const [row] = await handle.db.select().from(endpointKeys).where(eq(endpointKeys.id, key.id));
    expect(row.secretHash).toBe(createHash("sha256").update(key.secret).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(key.secret);
    expect(key.secret.startsWith(row.prefix)).toBe(true);
    const listed = (await listEndpointKeys(acme.as.viewer, acme.slug, endpoint.id)).items;
    expect(listed.find((k) => k.id === key.id)).not.toHaveProperty("secret");

    const client = new OpenAI({ apiKey: key.secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });
    expect((await client.models.list()).data.map((m) => m.id)).toEqual(["sarashina2.2-3b-instruct"]);
    expect(await resolveKey(async () => handle.db, row.secretHash)).not.toBeNull();
    await revokeEndpointKey(acme.as.developer, acme.slug, endpoint.id, key.id);
    const error = await client.models.list().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).error).toMatchObject({ type: "invalid_request_error", code: "invalid_api_key" });
  });

  it("serves chat completions, streamed and not, and legacy completions, OpenAI-style", async () => {
    const endpoint = await runningEndpoint();
    const { secret } = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "app" });
    const client = new OpenAI({ apiKey: secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });
    const messages = [{ role: "user" as const, content: "日本の首都はどこですか？" }];
    const whole = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages });
    expect(whole.object).toBe("chat.completion");
    expect(whole.choices[0].message.content).toContain("シミュレーター応答");

    const stream = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages, stream: true, stream_options: { include_usage: true } });
    let text = "";
    let usage: unknown = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(whole.choices[0].message.content);
    expect(usage).toEqual(whole.usage);

    const legacy = await client.completions.create({ model: "sarashina2.2-3b-instruct", prompt: "Say hello", max_tokens: 5 });
    expect(legacy).toMatchObject({ object: "text_completion", choices: [{ finish_reason: "length" }], usage: { completion_tokens: 5 } });

    const raw = await fetch(`${baseUrl}/inference/${endpoint.id}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
      body: JSON.stringify({ messages, stream: true }),
    });
    const body = await raw.text();
    expect(raw.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(body.endsWith("data: [DONE]\n\n")).toBe(true);
    expect(body.split("\n\n").filter(Boolean).every((event) => event.startsWith("data: "))).toBe(true);
    expect(body).not.toContain('"usage"'); // only when asked for, as OpenAI does

    const wrongModel = await client.chat.completions.create({ model: "gpt-4o", messages }).catch((e: unknown) => e);
    expect(wrongModel).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it("refuses a key on another endpoint's URL, and a missing key, with 401", async () => {
    const a = await runningEndpoint();
    const b = await runningEndpoint();
    const { secret } = await createEndpointKey(acme.as.developer, acme.slug, a.id, { name: "a" });
    const wrong = await fetch(`${baseUrl}/inference/${b.id}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    expect(wrong.status).toBe(401);
    expect((await wrong.json()).error).toMatchObject({ code: "invalid_api_key", type: "invalid_request_error" });
    expect((await fetch(`${baseUrl}/inference/${a.id}/v1/models`)).status).toBe(401);
  });

  it("rate-limits per key with a 429 and Retry-After", async () => {
    const endpoint = await runningEndpoint();
    const one = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "one" });
    const two = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "two" });
    setGatewayRateLimit(3, 0.01);
    const call = (secret: string) => fetch(`${baseUrl}/inference/${endpoint.id}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(one.secret)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const limited = await call(one.secret);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await limited.json()).error.code).toBe("rate_limit_exceeded");
    expect((await call(two.secret)).status).toBe(200);
  });
});

describe("metering", () => {
  it("counts exactly the requests and tokens that were served, in batches", async () => {
    const endpoint = await runningEndpoint();
    const { secret } = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "meter" });
    await flushMetering(handle.db);
    const client = new OpenAI({ apiKey: secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });
    let input = 0;
    let output = 0;
    for (let i = 0; i < 7; i++) {
      const r = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: `質問 ${i}` }] });
      input += r.usage!.prompt_tokens;
      output += r.usage!.completion_tokens;
    }
    for (let i = 0; i < 5; i++) {
      const stream = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content: `stream ${i}` }], stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        if (chunk.usage) {
          input += chunk.usage.prompt_tokens;
          output += chunk.usage.completion_tokens;
        }
      }
    }
    // Nothing reaches the database until the flush.
    const before = await handle.db.select().from(endpointMetrics).where(eq(endpointMetrics.endpointId, endpoint.id));
    expect(before.reduce((s, r) => s + r.requests, 0)).toBe(0);
    await flushMetering(handle.db);
    const [sum] = await handle.db
      .select({ requests: sql<number>`sum(requests)::int`, input: sql<number>`sum(input_tokens)::int`, output: sql<number>`sum(output_tokens)::int`, errors: sql<number>`sum(errors)::int` })
      .from(endpointMetrics)
      .where(eq(endpointMetrics.endpointId, endpoint.id));
    expect(sum).toEqual({ requests: 12, input, output, errors: 0 });

    const metrics = await getEndpointMetrics(acme.as.viewer, acme.slug, endpoint.id, { range: "hour" });
    expect(metrics.totals).toMatchObject({ requests: 12, inputTokens: input, outputTokens: output });
    expect(metrics.points).toHaveLength(60);
    expect(metrics.totals.p50LatencyMs).not.toBeNull();
    expect(metrics.totals.p50TtftMs).not.toBeNull();
    const [key] = await handle.db.select().from(endpointKeys).where(eq(endpointKeys.secretHash, createHash("sha256").update(secret).digest("hex")));
    expect(key.lastUsedAt).not.toBeNull();
  });

  it("wakes a scaled-to-zero endpoint on the first request and counts the cold start once", async () => {
    const endpoint = await runningEndpoint({ minReplicas: 0, maxReplicas: 1 });
    expect(endpoint.replicas.current).toBe(0);
    await flushMetering(handle.db);
    gatewayCaches().lastServed.delete(endpoint.id);
    const first = await playgroundChat(await processControlPlane(), acme.as.developer, acme.slug, endpoint.id, { messages: [{ role: "user", content: "こんにちは" }] });
    expect(first.coldStart).toBe(true);
    expect(first.simulated).toBe(true);
    let text = "";
    for await (const chunk of first.stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toContain("シミュレーター応答");
    const second = await playgroundChat(await processControlPlane(), acme.as.developer, acme.slug, endpoint.id, { messages: [{ role: "user", content: "もう一度" }] });
    expect(second.coldStart).toBe(false);
    for await (const _ of second.stream) void _;
    await flushMetering(handle.db);
    await settle(1);
    const metrics = await getEndpointMetrics(acme.as.developer, acme.slug, endpoint.id, { range: "hour" });
    expect(metrics.totals).toMatchObject({ requests: 2, coldStarts: 1 });
    await expectAppError(playgroundChat(await processControlPlane(), acme.as.viewer, acme.slug, endpoint.id, { messages: [{ role: "user", content: "x" }] }), "forbidden");
    expect((await getEndpoint(acme.as.developer, acme.slug, endpoint.id)).replicas.current).toBe(1);
    const [row] = await handle.db.select().from(endpoints).where(eq(endpoints.id, endpoint.id));
    expect(row.lastRequestAt).not.toBeNull();
  });

  it("meters the same way on the direct data path to a remote control plane, and streams OpenAI's format", async () => {
    const endpoint = await runningEndpoint();
    const { secret } = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "remote" });
    const remote = createControlPlaneServer({ controlPlane: sim });
    await new Promise<void>((resolve) => remote.listen(0, "127.0.0.1", resolve));
    process.env.CONTROL_PLANE_URL = `http://127.0.0.1:${(remote.address() as AddressInfo).port}`;
    try {
      await flushMetering(handle.db);
      const client = new OpenAI({ apiKey: secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });
      const messages = [{ role: "user" as const, content: "リモート経由の質問" }];
      const whole = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages });
      let text = "";
      let usage: { prompt_tokens: number; completion_tokens: number } | null = null;
      const stream = await client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta?.content ?? "";
        if (chunk.usage) usage = chunk.usage;
      }
      expect(text).toBe(whole.choices[0].message.content);
      const raw = await (await fetch(`${baseUrl}/inference/${endpoint.id}/v1/chat/completions`, { method: "POST", headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" }, body: JSON.stringify({ messages, stream: true }) })).text();
      expect(raw.endsWith("data: [DONE]\n\n")).toBe(true);
      expect(raw).not.toContain('"usage"');
      await flushMetering(handle.db);
      const metrics = await getEndpointMetrics(acme.as.developer, acme.slug, endpoint.id, { range: "hour" });
      expect(metrics.totals).toMatchObject({
        requests: 3,
        inputTokens: whole.usage!.prompt_tokens * 3,
        outputTokens: whole.usage!.completion_tokens + usage!.completion_tokens + whole.usage!.completion_tokens,
        errors: 0,
      });
      expect(metrics.totals.p50TtftMs).not.toBeNull();
    } finally {
      delete process.env.CONTROL_PLANE_URL;
      remote.close();
    }
  });
});
