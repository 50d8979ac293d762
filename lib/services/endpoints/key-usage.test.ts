import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { endpointKeyUsage } from "@/lib/db/schema";
import { expectAppError } from "@/lib/control-plane/testing/sim-harness";
import { jstDateOf, jstMonthOf } from "@/lib/domain/billing/jst";
import { setGatewayRateLimit } from "@/lib/gateway/handler";
import { orgWithRoles } from "../testing/fixtures";
import { startGatewayHarness, type GatewayHarness } from "../testing/gateway-harness";
import { createEndpointKey } from "./create-endpoint-key";
import { getEndpointKeyUsage } from "./get-endpoint-key-usage";
import { monthTokensUsed, USAGE_TTL_MS } from "./key-budget";
import { listEndpointKeys } from "./list-endpoint-keys";
import { flushMetering, recordRequest } from "./metering-buffer";
import { revokeEndpointKey } from "./revoke-endpoint-key";
import { updateEndpointKey } from "./update-endpoint-key";

// Usage per endpoint key and its monthly token budget, through the real gateway handler with
// the official `openai` client, on PGlite and PostgreSQL, with the embedded simulator.

let harness: GatewayHarness;
let handle: DbHandle;
let acme: GatewayHarness["org"];
let other: Awaited<ReturnType<typeof orgWithRoles>>;
let baseUrl: string;
let endpointId: string;
let n = 0;

const clientFor = (secret: string) => new OpenAI({ apiKey: secret, baseURL: `${baseUrl}/inference/${endpointId}/v1`, maxRetries: 2 });
const ask = (client: OpenAI, content: string) => client.chat.completions.create({ model: "sarashina2.2-3b-instruct", messages: [{ role: "user", content }] });
const newKey = () => createEndpointKey(acme.as.developer, acme.slug, endpointId, { name: `app-${++n}` });

beforeAll(async () => {
  harness = await startGatewayHarness("acme-usage");
  ({ handle, baseUrl, org: acme } = harness);
  other = await orgWithRoles(handle.db, "other-usage");
  endpointId = await harness.runningEndpoint("usage-chat");
}, 180_000);

afterAll(async () => harness?.close());

beforeEach(() => {
  setGatewayRateLimit(10_000, 10_000);
});

describe("usage per key", () => {
  it("counts each key's requests and tokens apart, per JST day, in the key list and the usage API", async () => {
    const app1 = await newKey();
    const app2 = await newKey();
    const expected = { app1: { requests: 0, inputTokens: 0, outputTokens: 0 }, app2: { requests: 0, inputTokens: 0, outputTokens: 0 } };
    for (const [name, key, times] of [["app1", app1, 3], ["app2", app2, 2]] as const) {
      for (let i = 0; i < times; i++) {
        const r = await ask(clientFor(key.secret), `${name} の質問 ${i}`);
        expected[name].requests++;
        expected[name].inputTokens += r.usage!.prompt_tokens;
        expected[name].outputTokens += r.usage!.completion_tokens;
      }
    }
    // Nothing is written per request: the numbers appear after the metering flush.
    expect((await listEndpointKeys(acme.as.viewer, acme.slug, endpointId)).items.find((k) => k.id === app1.id)?.monthToDate.requests).toBe(0);
    await flushMetering(handle.db);

    const keys = (await listEndpointKeys(acme.as.viewer, acme.slug, endpointId)).items;
    expect(keys.find((k) => k.id === app1.id)).toMatchObject({ monthToDate: expected.app1, monthlyTokenBudget: null, lastUsedAt: expect.any(String) });
    expect(keys.find((k) => k.id === app2.id)?.monthToDate).toEqual(expected.app2);

    const usage = await getEndpointKeyUsage(acme.as.billing, acme.slug, endpointId, app1.id);
    const today = jstDateOf(Date.now());
    expect(usage.days).toHaveLength(30);
    expect(usage.to).toBe(today);
    expect(usage.days.at(-1)).toEqual({ day: today, ...expected.app1 });
    expect(usage.days.slice(0, -1).every((d) => d.requests === 0)).toBe(true);
    expect(usage.total).toEqual(expected.app1);
    expect(usage.monthToDate).toEqual(expected.app1);
  });

  it("puts a request on the JST day it was served: 23:59 and 00:00 JST land on two days and two months", async () => {
    const key = await newKey();
    const base = { endpointId, orgId: acme.orgId, keyId: key.id, ok: true, latencyMs: 10, ttftMs: null, coldStartMs: null };
    recordRequest({ ...base, inputTokens: 5, outputTokens: 7, atMs: Date.parse("2026-11-30T14:59:59Z") });
    recordRequest({ ...base, inputTokens: 11, outputTokens: 13, atMs: Date.parse("2026-11-30T15:00:00Z") });
    await flushMetering(handle.db);
    const usage = await getEndpointKeyUsage(acme.as.viewer, acme.slug, endpointId, key.id, { from: "2026-11-30", to: "2026-12-01" });
    expect(usage.days).toEqual([
      { day: "2026-11-30", requests: 1, inputTokens: 5, outputTokens: 7 },
      { day: "2026-12-01", requests: 1, inputTokens: 11, outputTokens: 13 },
    ]);
  });

  it("adds the usage flushed by several instances into one row per key and day", async () => {
    const key = await newKey();
    const base = { endpointId, orgId: acme.orgId, keyId: key.id, ok: true, latencyMs: 10, ttftMs: null, coldStartMs: null, atMs: Date.now() };
    recordRequest({ ...base, inputTokens: 3, outputTokens: 4 });
    await flushMetering(handle.db);
    // Another instance's flush of the same key and day, as its metering writes it.
    await handle.db
      .insert(endpointKeyUsage)
      .values({ keyId: key.id, day: jstDateOf(base.atMs), orgId: acme.orgId, endpointId, requests: 2, inputTokens: 10, outputTokens: 20 })
      .onConflictDoNothing();
    recordRequest({ ...base, inputTokens: 1, outputTokens: 1 });
    await flushMetering(handle.db);
    const rows = (await handle.db.select().from(endpointKeyUsage)).filter((r) => r.keyId === key.id);
    // The direct insert lost the race to the first flush and did nothing; each flush added.
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ requests: 2, inputTokens: 4, outputTokens: 5 });
  });

  it("refuses a range longer than a year and a reversed range, as validation errors (400)", async () => {
    const key = await newKey();
    await expectAppError(getEndpointKeyUsage(acme.as.viewer, acme.slug, endpointId, key.id, { from: "2024-01-01", to: "2026-01-01" }), "validation_failed");
    await expect(getEndpointKeyUsage(acme.as.viewer, acme.slug, endpointId, key.id, { from: "2026-02-01", to: "2026-01-01" })).rejects.toMatchObject({ name: "ZodError" });
  });
});

describe("monthly token budget", () => {
  it("answers 429 insufficient_quota in OpenAI's shape once spent, without the client retrying, and opens again when raised or removed", async () => {
    const key = await newKey();
    const client = clientFor(key.secret);
    const first = await ask(client, "最初の質問");
    const used = first.usage!.total_tokens;
    // A budget just above what is used: one more request is admitted (it is not yet spent) and takes it past.
    const updated = await updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: used + 1 });
    expect(updated.monthlyTokenBudget).toBe(used + 1);
    const second = await ask(client, "二番目の質問");
    expect(second.usage!.total_tokens).toBeGreaterThan(1);

    // Spent before the metering has even flushed: this process counts its own tokens at once.
    let requests = 0;
    const counting = new OpenAI({ apiKey: key.secret, baseURL: `${baseUrl}/inference/${endpointId}/v1`, maxRetries: 2, fetch: (url, init) => { requests++; return fetch(url, init); } });
    const refused = await ask(counting, "三番目の質問").then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    const error = refused as InstanceType<typeof OpenAI.RateLimitError>;
    expect(error.status).toBe(429);
    expect(error.code).toBe("insufficient_quota");
    expect(error.type).toBe("insufficient_quota");
    expect(error.message).toContain(jstMonthOf(Date.now()));
    expect(requests).toBe(1);

    // Still spent after the flush (the count moves from "pending" to "stored", never lost).
    await flushMetering(handle.db);
    await expect(ask(client, "四番目")).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(monthTokensUsed(async () => handle.db, key.id, Date.now() + USAGE_TTL_MS + 1)).resolves.toBe(used + second.usage!.total_tokens);

    // The key list shows the month against the budget.
    const listed = (await listEndpointKeys(acme.as.viewer, acme.slug, endpointId)).items.find((k) => k.id === key.id)!;
    expect(listed.monthToDate.inputTokens + listed.monthToDate.outputTokens).toBe(used + second.usage!.total_tokens);

    await updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: null });
    await expect(ask(client, "予算なし")).resolves.toMatchObject({ object: "chat.completion" });
  });

  it("counts tokens another instance wrote once its cached month total lapses", async () => {
    const key = await newKey();
    await updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: 1_000 });
    const now = Date.now();
    expect(await monthTokensUsed(async () => handle.db, key.id, now)).toBe(0);
    await handle.db.insert(endpointKeyUsage).values({ keyId: key.id, day: jstDateOf(now), orgId: acme.orgId, endpointId, requests: 9, inputTokens: 600, outputTokens: 400 });
    expect(await monthTokensUsed(async () => handle.db, key.id, now + 1)).toBe(0);
    expect(await monthTokensUsed(async () => handle.db, key.id, now + USAGE_TTL_MS + 1)).toBe(1_000);
    await expect(ask(clientFor(key.secret), "他のインスタンスで使い切った")).rejects.toMatchObject({ status: 429, code: "insufficient_quota" });
  });

  it("refuses a budget of zero or a fraction, a lower role, another org, and a revoked key", async () => {
    const key = await newKey();
    await expect(updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: 0 })).rejects.toMatchObject({ name: "ZodError" });
    await expect(updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: 1.5 })).rejects.toMatchObject({ name: "ZodError" });
    await expectAppError(updateEndpointKey(acme.as.viewer, acme.slug, endpointId, key.id, { monthlyTokenBudget: 100 }), "forbidden");
    await expectAppError(updateEndpointKey(acme.as.billing, acme.slug, endpointId, key.id, { monthlyTokenBudget: 100 }), "forbidden");
    // Another org: its own slug with our ids is a 404, and ours is no org of theirs.
    await expectAppError(updateEndpointKey(other.as.owner, other.slug, endpointId, key.id, { monthlyTokenBudget: 100 }), "not_found");
    await expectAppError(getEndpointKeyUsage(other.as.owner, other.slug, endpointId, key.id), "not_found");
    await expectAppError(getEndpointKeyUsage(other.as.owner, acme.slug, endpointId, key.id), "not_found");
    await revokeEndpointKey(acme.as.developer, acme.slug, endpointId, key.id);
    await expectAppError(updateEndpointKey(acme.as.developer, acme.slug, endpointId, key.id, { monthlyTokenBudget: 100 }), "conflict");
  });
});
