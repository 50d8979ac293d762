import { mkdtempSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents } from "@/lib/db/schema";
import { loraTensorShapes } from "@/lib/domain/adapters/lora-shapes";
import { buildSafetensors } from "@/lib/domain/adapters/safetensors";
import { modelArchitecture } from "@/lib/domain/catalog";
import { createApiToken } from "@/lib/services/api-tokens/create-api-token";
import { orgWithRoles } from "@/lib/services/testing/fixtures";
import { GET as listRoute, POST as createRoute } from "./route";
import { DELETE as deleteRoute, GET as getRoute } from "./[id]/route";
import { PUT as weightsRoute } from "./[id]/weights/route";

// LoRA adapters through the API as automation uses it: register, upload the safetensors weights
// as a stream, see them checked against the base model's shapes (refused in the caller's
// language, the refused bytes gone), list, get, delete (refused while attached: endpoint-adapters.test.ts) — another org's adapter a 404, a viewer a 403.

vi.mock("@/lib/auth/next-auth", () => ({ auth: async () => null }));

type Route = (request: Request, ctx: { params: Promise<unknown> }) => Promise<Response>;

async function call(route: Route, url: string, options: { token: string; method?: string; json?: unknown; bytes?: Uint8Array; type?: string; params?: Record<string, string>; key?: string; lang?: string; chunked?: boolean }) {
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, "accept-language": options.lang ?? "en" };
  if (options.key) headers["idempotency-key"] = options.key;
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(options.json);
  } else if (options.bytes) {
    headers["content-type"] = options.type ?? "application/octet-stream";
    const bytes = options.bytes;
    // Sent in small pieces, as a socket delivers a large upload.
    body = options.chunked
      ? new ReadableStream({
          start(controller) {
            for (let i = 0; i < bytes.byteLength; i += 4096) controller.enqueue(bytes.subarray(i, i + 4096));
            controller.close();
          },
        })
      : (bytes as unknown as BodyInit);
  }
  const init: RequestInit & { duplex?: "half" } = { method: options.method ?? "GET", headers, body, duplex: "half" };
  const response = await route(new Request(`http://localhost${url}`, init), { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

const swallow = modelArchitecture("llama-3.1-swallow-8b-instruct")!;
const goodWeights = buildSafetensors(loraTensorShapes(swallow, 16, ["q_proj", "v_proj"], 4));
const wrongBaseWeights = buildSafetensors(loraTensorShapes(modelArchitecture("llm-jp-3-13b-instruct")!, 16, ["q_proj", "v_proj"], 4));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("LoRA adapters through the API", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let owner: string;
  let viewer: string;
  let stranger: string;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "hinoki-adapters-"));
  const storedFiles = async () => readdir(path.join(dataDir, "inference-files", acme.orgId)).catch(() => [] as string[]);

  beforeAll(async () => {
    process.env.HINOKI_DATA_DIR = dataDir;
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme-lora");
    other = await orgWithRoles(handle.db, "other-lora");
    owner = (await createApiToken(acme.as.owner, acme.slug, { name: "ml", role: "developer", expiresInDays: 30 })).secret;
    viewer = (await createApiToken(acme.as.owner, acme.slug, { name: "read", role: "viewer", expiresInDays: 30 })).secret;
    stranger = (await createApiToken(other.as.owner, other.slug, { name: "ml", role: "owner", expiresInDays: 30 })).secret;
  });
  afterAll(async () => {
    await handle?.close();
  });

  const register = (name: string, extra: Record<string, unknown> = {}, token = owner, key?: string) =>
    call(createRoute, `/api/v1/orgs/${acme.slug}/adapters`, { token, method: "POST", json: { name, baseModelId: "llama-3.1-swallow-8b-instruct", rank: 16, ...extra }, params: { org: acme.slug }, key });
  const upload = (id: string, bytes: Uint8Array, extra: Partial<Parameters<typeof call>[2]> = {}) =>
    call(weightsRoute, `/api/v1/orgs/${acme.slug}/adapters/${id}/weights`, { token: owner, method: "PUT", bytes, params: { org: acme.slug, id }, ...extra });

  it("registers an adapter, takes its weights as a stream, and records size, checksum and what the header holds", async () => {
    const first = await register("support-ja", {}, owner, "lora-create-1");
    expect(first.status).toBe(201);
    expect(first.headers.get("location")).toBe(`/api/v1/orgs/${acme.slug}/adapters/${first.body.id}`);
    expect(first.body).toMatchObject({ name: "support-ja", baseModelId: "llama-3.1-swallow-8b-instruct", rank: 16, status: "awaiting_weights", weights: null });
    // The client's retry with its key is the same adapter, not a second one.
    const retry = await register("support-ja", {}, owner, "lora-create-1");
    expect(retry.body.id).toBe(first.body.id);

    const uploaded = await upload(first.body.id, goodWeights, { chunked: true });
    expect(uploaded.status).toBe(200);
    expect(uploaded.body).toMatchObject({
      status: "ready",
      weights: { bytes: goodWeights.byteLength, sha256: sha256(goodWeights), tensorCount: 16, layerCount: 4, targetModules: ["q_proj", "v_proj"] },
    });
    // The stored bytes are the upload's, byte for byte.
    const [stored] = await storedFiles();
    expect(sha256(await readFile(path.join(dataDir, "inference-files", acme.orgId, stored)))).toBe(sha256(goodWeights));

    // A retry of a lost answer with the same file is the same answer; other weights are a 409.
    expect((await upload(first.body.id, goodWeights)).status).toBe(200);
    expect((await upload(first.body.id, buildSafetensors(loraTensorShapes(swallow, 16, ["q_proj"], 1)))).status).toBe(409);
    expect(await storedFiles()).toHaveLength(1);

    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "adapter.weights_upload")));
    expect(audit.data).toMatchObject({ sha256: sha256(goodWeights), bytes: goodWeights.byteLength });
  });

  it("refuses weights of another base model in the caller's language, naming the tensor, and keeps no bytes", async () => {
    const adapter = (await register("wrong-base")).body;
    const before = await storedFiles();
    const en = await upload(adapter.id, wrongBaseWeights);
    expect(en.status).toBe(422);
    expect(en.body.error).toMatchObject({
      code: "adapter_shape_mismatch",
      details: { reason: "shape_mismatch", tensor: "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", expected: [16, 4096], actual: [16, 5120], baseModelId: "llama-3.1-swallow-8b-instruct" },
    });
    expect(en.body.error.message).toMatch(/do not match its base model/);
    const ja = await upload(adapter.id, wrongBaseWeights, { lang: "ja" });
    expect(ja.body.error.message).toMatch(/ベースモデル/);
    expect(await storedFiles()).toEqual(before);
    expect((await call(getRoute, "", { token: owner, params: { org: acme.slug, id: adapter.id } })).body.status).toBe("awaiting_weights");

    // A rank other than the registered one is a mismatch too.
    const rank8 = (await register("rank-eight", { rank: 8 })).body;
    expect((await upload(rank8.id, goodWeights)).body.error.code).toBe("adapter_shape_mismatch");
  });

  it("refuses a file that is not safetensors, a body that is not octet-stream, and one over the size limit", async () => {
    const adapter = (await register("refusals")).body;
    const before = await storedFiles();
    const garbage = await upload(adapter.id, new TextEncoder().encode("not a safetensors file at all"));
    expect(garbage.status).toBe(422);
    expect(garbage.body.error.code).toBe("adapter_weights_invalid");
    expect((await upload(adapter.id, goodWeights, { type: "multipart/form-data; boundary=x" })).status).toBe(415);
    process.env.HINOKI_ADAPTER_MAX_BYTES = String(goodWeights.byteLength - 1);
    try {
      const declared = await upload(adapter.id, goodWeights);
      expect(declared.status).toBe(413);
      const streamed = await upload(adapter.id, goodWeights, { chunked: true });
      expect(streamed.status).toBe(413);
      expect(streamed.body.error.details).toEqual({ limitBytes: goodWeights.byteLength - 1 });
    } finally {
      delete process.env.HINOKI_ADAPTER_MAX_BYTES;
    }
    expect(await storedFiles()).toEqual(before);
  });

  it("refuses bad registrations: an unknown base model, a rank out of range, a name with a colon, a taken name", async () => {
    expect((await register("x", { baseModelId: "gpt-5" })).status).toBe(400);
    expect((await register("x", { rank: 0 })).status).toBe(400);
    expect((await register("x", { rank: 512 })).status).toBe(400);
    expect((await register("a:b")).status).toBe(400);
    expect((await register("support-ja")).status).toBe(409);
  });

  it("lists the org's adapters a page at a time, filterable by base model", async () => {
    await register("qwen-legal", { baseModelId: "qwen3-32b", rank: 8 });
    const page1 = await call(listRoute, `/api/v1/orgs/${acme.slug}/adapters?limit=2`, { token: viewer, params: { org: acme.slug } });
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    const page2 = await call(listRoute, `/api/v1/orgs/${acme.slug}/adapters?limit=200&cursor=${page1.body.nextCursor}`, { token: viewer, params: { org: acme.slug } });
    const names = [...page1.body.items, ...page2.body.items].map((a: { name: string }) => a.name);
    expect(names).toEqual(["support-ja", "wrong-base", "rank-eight", "refusals", "qwen-legal"]);
    const qwen = await call(listRoute, `/api/v1/orgs/${acme.slug}/adapters?baseModelId=qwen3-32b`, { token: viewer, params: { org: acme.slug } });
    expect(qwen.body.items.map((a: { name: string }) => a.name)).toEqual(["qwen-legal"]);
  });

  it("keeps adapters inside their org and their writes to roles that may change endpoints", async () => {
    const [mine] = (await call(listRoute, "/x", { token: owner, params: { org: acme.slug } })).body.items;
    expect((await call(getRoute, "/x", { token: stranger, params: { org: acme.slug, id: mine.id } })).status).toBe(404);
    expect((await call(getRoute, "/x", { token: stranger, params: { org: other.slug, id: mine.id } })).status).toBe(404);
    expect((await call(deleteRoute, "/x", { token: stranger, method: "DELETE", params: { org: other.slug, id: mine.id } })).status).toBe(404);
    expect((await call(weightsRoute, "/x", { token: stranger, method: "PUT", bytes: goodWeights, params: { org: other.slug, id: mine.id } })).status).toBe(404);
    expect((await call(listRoute, "/x", { token: stranger, params: { org: other.slug } })).body.items).toEqual([]);
    expect((await register("viewer-try", {}, viewer)).status).toBe(403);
    expect((await call(deleteRoute, "/x", { token: viewer, method: "DELETE", params: { org: acme.slug, id: mine.id } })).status).toBe(403);
  });

  it("deletes an adapter with its weights, for good", async () => {
    const [adapter] = (await call(listRoute, "/x", { token: owner, params: { org: acme.slug } })).body.items;
    expect(adapter.name).toBe("support-ja");
    expect((await call(deleteRoute, "/x", { token: owner, method: "DELETE", params: { org: acme.slug, id: adapter.id } })).status).toBe(204);
    expect((await call(getRoute, "/x", { token: owner, params: { org: acme.slug, id: adapter.id } })).status).toBe(404);
    expect(await storedFiles()).toEqual([]);
    const actions = (await handle.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.targetId, adapter.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["adapter.create", "adapter.weights_upload", "adapter.delete"]));
  });
});
