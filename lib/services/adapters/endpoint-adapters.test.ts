import { mkdtempSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { and, eq } from "drizzle-orm";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, operations } from "@/lib/db/schema";
import { createTestDatabase } from "@/lib/db/testing";
import { setControlPlane } from "@/lib/control-plane";
import { expectAppError, freshSimulator } from "@/lib/control-plane/testing/sim-harness";
import type { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { cpEndpoints } from "@/lib/control-plane/sim/schema";
import { loraTensorShapes } from "@/lib/domain/adapters/lora-shapes";
import { buildSafetensors } from "@/lib/domain/adapters/safetensors";
import { modelArchitecture } from "@/lib/domain/catalog";
import { handleInference, setGatewayRateLimit } from "@/lib/gateway/handler";
import { orgWithRoles } from "../testing/fixtures";
import { createEndpoint } from "../endpoints/create-endpoint";
import { createEndpointKey } from "../endpoints/create-endpoint-key";
import { playgroundChat } from "../endpoints/playground-chat";
import { syncEndpoints } from "../endpoints/testing";
import { attachAdapter } from "./attach-adapter";
import { createAdapter } from "./create-adapter";
import { deleteAdapter } from "./delete-adapter";
import { detachAdapter } from "./detach-adapter";
import { getAdapter } from "./list-adapters";
import { listEndpointAdapters } from "./list-endpoint-adapters";
import { uploadAdapterWeights } from "./upload-adapter-weights";
import { getEndpointAdapterUsage } from "./get-endpoint-adapter-usage";
import { flushMetering } from "../endpoints/metering-buffer";
import { getEndpointMetrics } from "../endpoints/get-endpoint-metrics";
import { processControlPlane } from "@/lib/services/process-control-plane";

// Adapters on endpoints: attaching and detaching are operations of the one engine (202-style
// Operation, Idempotency-Key, the simulator loads them), bounded per shape, refused across base
// models and orgs; the gateway serves `<base>:<adapter>` to the official openai client.

let handle: DbHandle;
let sim: SimulatedControlPlane;
let acme: Awaited<ReturnType<typeof orgWithRoles>>;
let other: Awaited<ReturnType<typeof orgWithRoles>>;
let baseUrl: string;
let server: http.Server;
let n = 0;

const BASE = "sarashina2.2-3b-instruct";

async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i++) {
    await sim.advance(1_000);
    await syncEndpoints(handle.db);
  }
}

async function readyAdapter(name: string, baseModelId = BASE, org = acme) {
  const adapter = await createAdapter(org.as.developer, org.slug, { name, baseModelId, rank: 8 });
  const weights = buildSafetensors(loraTensorShapes(modelArchitecture(baseModelId)!, 8, ["q_proj", "v_proj"], 2));
  return uploadAdapterWeights(org.as.developer, org.slug, adapter.id, { content: Readable.from([Buffer.from(weights)]), declaredBytes: weights.byteLength });
}

/** What the simulator's replicas have loaded (its own table). */
async function simAdapters(endpointId: string) {
  const [row] = await handle.db.select({ adapters: cpEndpoints.adapters }).from(cpEndpoints).where(eq(cpEndpoints.id, endpointId));
  return row.adapters;
}

async function runningEndpoint(org = acme) {
  const created = await createEndpoint(sim, org.as.developer, org.slug, { name: `lora-${++n}`, modelId: BASE, shapeId: "l40s-1x", zoneId: "jp-tokyo-1a", minReplicas: 1, maxReplicas: 1 });
  await settle();
  return created;
}

beforeAll(async () => {
  process.env.HINOKI_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), "hinoki-endpoint-adapters-"));
  handle = await createTestDatabase();
  ({ sim } = await freshSimulator(handle.db, { timing: { speed: Infinity, coldStartFactor: 0 } }));
  setControlPlane(sim);
  acme = await orgWithRoles(handle.db, "acme-epl");
  other = await orgWithRoles(handle.db, "other-epl");
  server = http.createServer((req, res) => void handleInference(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setGatewayRateLimit(10_000, 10_000);
});

afterAll(async () => {
  server?.close();
  await sim?.close();
  setControlPlane(undefined);
  await handle?.close();
});

describe("attaching and detaching adapters", () => {
  it("attaches as an operation the simulator carries out, honours the Idempotency-Key, and detaches the same way", async () => {
    const endpoint = await runningEndpoint();
    const adapter = await readyAdapter("support");
    const op = await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: adapter.id }, sim, { idempotencyKey: "attach-support-1" });
    expect(op).toMatchObject({ kind: "adapter.attach", target: { kind: "adapter", id: adapter.id, name: "support" }, request: { endpointId: endpoint.id } });
    expect((await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: adapter.id }, sim, { idempotencyKey: "attach-support-1" })).id).toBe(op.id);
    // The simulator loads an adapter at once; a real control plane may take a while (attaching).
    const [attaching] = (await listEndpointAdapters(acme.as.viewer, acme.slug, endpoint.id)).items;
    expect(attaching).toMatchObject({ name: "support", model: `${BASE}:support` });
    expect(["attaching", "attached"]).toContain(attaching.state);

    await settle();
    const [done] = await handle.db.select().from(operations).where(eq(operations.id, op.id));
    expect(done.status).toBe("succeeded");
    const listed = await listEndpointAdapters(acme.as.viewer, acme.slug, endpoint.id);
    expect(listed).toMatchObject({ maxAdapters: 4, items: [{ name: "support", state: "attached" }] });
    expect((await simAdapters(endpoint.id)).map((a) => a.name)).toEqual(["support"]);
    expect((await getAdapter(acme.as.viewer, acme.slug, adapter.id)).attachedEndpointIds).toEqual([endpoint.id]);

    // Attached: not attached twice, not deleted.
    await expectAppError(attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: adapter.id }, sim), "conflict");
    const refused = await expectAppError(deleteAdapter(acme.as.developer, acme.slug, adapter.id), "conflict");
    expect(refused.details).toEqual({ endpointIds: [endpoint.id] });

    const detach = await detachAdapter(acme.as.developer, acme.slug, endpoint.id, adapter.id, sim, { idempotencyKey: "detach-support-1" });
    expect(detach.kind).toBe("adapter.detach");
    expect(["detaching", undefined]).toContain((await listEndpointAdapters(acme.as.viewer, acme.slug, endpoint.id)).items[0]?.state);
    await settle();
    expect((await listEndpointAdapters(acme.as.viewer, acme.slug, endpoint.id)).items).toEqual([]);
    expect(await simAdapters(endpoint.id)).toEqual([]);
    await deleteAdapter(acme.as.developer, acme.slug, adapter.id);

    const actions = (await handle.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.targetId, adapter.id)))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["adapter.attach", "adapter.detach", "adapter.delete"]));
  });

  it("refuses an adapter of another base model, one without weights, past the shape's bound, and across orgs", async () => {
    const endpoint = await runningEndpoint();
    const qwen = await readyAdapter("qwen-one", "qwen3-32b");
    const wrong = await expectAppError(attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: qwen.id }, sim), "business_rule");
    expect(wrong.details).toMatchObject({ adapterBaseModelId: "qwen3-32b", endpointModelId: BASE });
    const bare = await createAdapter(acme.as.developer, acme.slug, { name: "no-weights", baseModelId: BASE, rank: 8 });
    await expectAppError(attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: bare.id }, sim), "business_rule");

    // An l40s-1x replica keeps at most 4 adapters loaded.
    for (let i = 0; i < 4; i++) {
      const a = await readyAdapter(`bound-${i}`);
      await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: a.id }, sim);
    }
    const fifth = await readyAdapter("bound-4");
    const full = await expectAppError(attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: fifth.id }, sim), "business_rule");
    expect(full.details).toMatchObject({ maxAdapters: 4 });

    // Another org's endpoint or adapter is a 404; a viewer may not attach.
    const theirs = await readyAdapter("theirs", BASE, other);
    await expectAppError(attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: theirs.id }, sim), "not_found");
    await expectAppError(attachAdapter(other.as.developer, other.slug, endpoint.id, { adapterId: theirs.id }, sim), "not_found");
    await expectAppError(detachAdapter(other.as.developer, other.slug, endpoint.id, fifth.id, sim), "not_found");
    await expectAppError(listEndpointAdapters(other.as.viewer, other.slug, endpoint.id), "not_found");
    await expectAppError(attachAdapter(acme.as.viewer, acme.slug, endpoint.id, { adapterId: fifth.id }, sim), "forbidden");
    await expectAppError(detachAdapter(acme.as.developer, acme.slug, endpoint.id, fifth.id, sim), "not_found");
  });

  it("lets the official openai client call the base and two adapters through the gateway and tell them apart", async () => {
    const endpoint = await runningEndpoint();
    const legal = await readyAdapter("legal");
    const medical = await readyAdapter("medical");
    await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: legal.id }, sim);
    await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: medical.id }, sim);
    await settle();
    const key = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "app" });
    const client = new OpenAI({ apiKey: key.secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });

    const models = await client.models.list();
    expect(models.data.map((m) => m.id).sort()).toEqual([BASE, `${BASE}:legal`, `${BASE}:medical`]);

    const ask = async (model: string) => (await client.chat.completions.create({ model, messages: [{ role: "user", content: "契約書の注意点は？" }] }));
    const [base, a, b] = [await ask(BASE), await ask(`${BASE}:legal`), await ask(`${BASE}:medical`)];
    expect([base.model, a.model, b.model]).toEqual([BASE, `${BASE}:legal`, `${BASE}:medical`]);
    const texts = new Set([base, a, b].map((c) => c.choices[0].message.content));
    expect(texts.size).toBe(3);
    expect(a.choices[0].message.content).toContain(":legal");

    // Streaming names the adapter too.
    const stream = await client.chat.completions.create({ model: `${BASE}:medical`, messages: [{ role: "user", content: "hi" }], stream: true });
    let streamedModel = "";
    for await (const chunk of stream) streamedModel = chunk.model;
    expect(streamedModel).toBe(`${BASE}:medical`);

    // The console's playground picks an adapter by name and streams its answer.
    const played = await playgroundChat(await processControlPlane(), acme.as.developer, acme.slug, endpoint.id, { messages: [{ role: "user", content: "契約書の注意点は？" }], adapter: "legal" });
    let playedText = "";
    for await (const chunk of played.stream) playedText += chunk.choices[0]?.delta.content ?? "";
    expect(playedText).toBe(a.choices[0].message.content);
    await expectAppError(playgroundChat(await processControlPlane(), acme.as.developer, acme.slug, endpoint.id, { messages: [{ role: "user", content: "hi" }], adapter: "nope" }), "not_found");

    // An adapter that is not attached (or another org's, or unknown) is an OpenAI-shaped 404.
    await readyAdapter("not-attached");
    for (const model of [`${BASE}:not-attached`, `${BASE}:nope`]) {
      const error = await ask(model).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    }
  });

  it("meters every request under the adapter that answered, and shows an endpoint's usage per adapter", async () => {
    const endpoint = await runningEndpoint();
    const billing = await readyAdapter("billing");
    await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: billing.id }, sim);
    await settle();
    const key = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "meter" });
    const client = new OpenAI({ apiKey: key.secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });
    const base = await client.chat.completions.create({ model: BASE, messages: [{ role: "user", content: "請求書を要約して" }] });
    const first = await client.chat.completions.create({ model: `${BASE}:billing`, messages: [{ role: "user", content: "請求書を要約して" }] });
    const stream = await client.chat.completions.create({ model: `${BASE}:billing`, messages: [{ role: "user", content: "hi" }], stream: true, stream_options: { include_usage: true } });
    let streamed = { prompt_tokens: 0, completion_tokens: 0 };
    for await (const chunk of stream) if (chunk.usage) streamed = chunk.usage;
    // The playground is metered the same way, under the adapter it picked.
    const played = await playgroundChat(await processControlPlane(), acme.as.developer, acme.slug, endpoint.id, { messages: [{ role: "user", content: "hi" }], adapter: "billing" });
    for await (const chunk of played.stream) void chunk;
    await flushMetering(handle.db);

    const usage = await getEndpointAdapterUsage(acme.as.viewer, acme.slug, endpoint.id, { days: 30 });
    const byModel = Object.fromEntries(usage.items.map((r) => [r.model, r]));
    expect(Object.keys(byModel).sort()).toEqual([BASE, `${BASE}:billing`]);
    expect(byModel[BASE]).toMatchObject({ adapter: null, requests: 1, errors: 0, inputTokens: base.usage!.prompt_tokens, outputTokens: base.usage!.completion_tokens });
    expect(byModel[`${BASE}:billing`]).toMatchObject({ adapter: "billing", requests: 3, errors: 0 });
    expect(byModel[`${BASE}:billing`].inputTokens).toBeGreaterThanOrEqual(first.usage!.prompt_tokens + streamed.prompt_tokens);
    expect(usage.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // Another org's endpoint is a 404; days outside the range count nothing.
    await expectAppError(getEndpointAdapterUsage(other.as.viewer, other.slug, endpoint.id, { days: 30 }), "not_found");
    const later = await getEndpointAdapterUsage(acme.as.viewer, acme.slug, endpoint.id, { days: 1 }, new Date(Date.now() + 3 * 86_400_000));
    expect(later.items).toEqual([]);
  });

  it("charts each adapter apart: requests, tokens and latency of the base model and of two adapters, and all of them together", async () => {
    const endpoint = await runningEndpoint();
    for (const name of ["alpha", "beta"]) await attachAdapter(acme.as.developer, acme.slug, endpoint.id, { adapterId: (await readyAdapter(`chart-${name}`)).id }, sim);
    await settle();
    const key = await createEndpointKey(acme.as.developer, acme.slug, endpoint.id, { name: "charts" });
    const client = new OpenAI({ apiKey: key.secret, baseURL: `${baseUrl}/inference/${endpoint.id}/v1`, maxRetries: 0 });
    const spent = new Map<string, { requests: number; inputTokens: number; outputTokens: number }>();
    const call = async (model: string, content: string) => {
      const answer = await client.chat.completions.create({ model, messages: [{ role: "user", content }] });
      const sum = spent.get(model) ?? { requests: 0, inputTokens: 0, outputTokens: 0 };
      spent.set(model, { requests: sum.requests + 1, inputTokens: sum.inputTokens + answer.usage!.prompt_tokens, outputTokens: sum.outputTokens + answer.usage!.completion_tokens });
    };
    await call(BASE, "こんにちは");
    for (let i = 0; i < 2; i++) await call(`${BASE}:chart-alpha`, "請求書の明細を三行で要約してください");
    for (let i = 0; i < 3; i++) await call(`${BASE}:chart-beta`, "返品");
    await flushMetering(handle.db);

    for (const model of [BASE, `${BASE}:chart-alpha`, `${BASE}:chart-beta`]) {
      const m = await getEndpointMetrics(acme.as.viewer, acme.slug, endpoint.id, { range: "hour", model });
      expect(m.model).toBe(model);
      expect(m.totals).toMatchObject(spent.get(model)!);
      expect(m.totals.p50LatencyMs).not.toBeNull();
      // The buckets add up to the totals: the chart shows this model's calls and no one else's.
      expect(m.points.reduce((n, p) => n + p.requests, 0)).toBe(spent.get(model)!.requests);
      expect(m.points.reduce((n, p) => n + p.outputTokens, 0)).toBe(spent.get(model)!.outputTokens);
    }
    const all = await getEndpointMetrics(acme.as.viewer, acme.slug, endpoint.id, { range: "hour" });
    expect(all.model).toBeNull();
    expect(all.totals.requests).toBe(6);
    expect(all.models).toEqual([BASE, `${BASE}:chart-alpha`, `${BASE}:chart-beta`]);
    // Replicas belong to the endpoint, so an adapter's view shows them too.
    const alpha = await getEndpointMetrics(acme.as.viewer, acme.slug, endpoint.id, { range: "hour", model: `${BASE}:chart-alpha` });
    expect(alpha.points.map((p) => p.replicas)).toEqual(all.points.map((p) => p.replicas));

    // A model the endpoint does not serve is a validation error; another org's endpoint a 404.
    await expectAppError(getEndpointMetrics(acme.as.viewer, acme.slug, endpoint.id, { range: "hour", model: "qwen3-32b:chart-alpha" }), "validation_failed");
    await expectAppError(getEndpointMetrics(other.as.viewer, other.slug, endpoint.id, { range: "hour", model: BASE }), "not_found");
  });
});
