import { describe, expect, it } from "vitest";
import { SHAPES } from "../catalog";
import type { MeteringRecord } from "../metering";
import { DEFAULT_PRICE_BOOK } from "./price-book";
import { RatingError, rateRecord } from "./rating";
import { prng } from "./testing/prng";
import { randomRecords } from "./testing/random-records";
import { RU_PER_YEN, applyDiscount } from "./units";

const base: MeteringRecord = {
  id: "mr_1",
  tenantId: "org_a",
  resourceId: "cl_1",
  resourceKind: "cluster",
  meter: "node",
  shapeId: "h100-8x",
  controlPlaneTier: null,
  regionId: "jp-tokyo-1",
  zoneId: "jp-tokyo-1a",
  intervalStart: "2026-11-30T14:00:00Z",
  intervalEnd: "2026-11-30T16:00:00Z",
  seconds: 7200,
  gpuSeconds: 57600,
  inputTokens: 0,
  outputTokens: 0,
  requests: 0,
  sequence: 1,
};

describe("rating", () => {
  it("rates an h100-8x hour at ¥7,200 exactly and splits it at JST midnight into November and December", () => {
    const parts = rateRecord(base, DEFAULT_PRICE_BOOK);
    expect(parts.map((p) => [p.day, p.seconds, p.gpuSeconds])).toEqual([
      ["2026-11-30", 3600, 28800],
      ["2026-12-01", 3600, 28800],
    ]);
    expect(parts.every((p) => p.listRu === 7200n * RU_PER_YEN)).toBe(true);
    expect(parts[0].service).toBe("kubernetes");
  });

  it("keeps one second exact (¥290/3600 is not a decimal)", () => {
    const [part] = rateRecord({ ...base, shapeId: "l40s-1x", intervalStart: "2026-11-01T00:00:00Z", intervalEnd: "2026-11-01T00:00:01Z", seconds: 1, gpuSeconds: 1 }, DEFAULT_PRICE_BOOK);
    expect(part.listRu * 3600n).toBe(290n * RU_PER_YEN);
  });

  it("prices the control plane by tier and meters tokens at ¥0", () => {
    const cp = rateRecord({ ...base, meter: "control_plane", shapeId: null, controlPlaneTier: "ha", intervalStart: "2026-11-01T00:00:00Z", intervalEnd: "2026-11-01T01:00:00Z", seconds: 3600, gpuSeconds: 0 }, DEFAULT_PRICE_BOOK);
    expect(cp).toHaveLength(1);
    expect(cp[0].sku).toBe("control-plane-ha");
    expect(cp[0].listRu).toBe(60n * RU_PER_YEN);
    const tokens = rateRecord({ ...base, resourceKind: "endpoint", meter: "tokens", shapeId: null, seconds: 0, gpuSeconds: 0, inputTokens: 1000, outputTokens: 500 }, DEFAULT_PRICE_BOOK);
    expect(tokens.map((t) => [t.sku, t.tokens, t.listRu, t.service])).toEqual([
      ["tokens-input", 500, 0n, "inference"],
      ["tokens-input", 500, 0n, "inference"],
      ["tokens-output", 250, 0n, "inference"],
      ["tokens-output", 250, 0n, "inference"],
    ]);
    const priced = rateRecord({ ...base, resourceKind: "endpoint", meter: "tokens", shapeId: null, seconds: 0, gpuSeconds: 0, inputTokens: 1_000_000, outputTokens: 0, intervalStart: "2026-11-01T00:00:00Z", intervalEnd: "2026-11-01T00:01:00Z" }, { ...DEFAULT_PRICE_BOOK, tokenMicroJpy: { input: 15n, output: 60n } });
    expect(priced[0].listRu).toBe(15n * RU_PER_YEN);
  });

  it("prices Batch API tokens as their own SKUs, under their own service, at the price book's batch discount of the token price", () => {
    const record = { ...base, resourceKind: "endpoint" as const, meter: "batch_tokens" as const, shapeId: null, seconds: 0, gpuSeconds: 0, inputTokens: 1_000_000, outputTokens: 2_000_000, intervalStart: "2026-11-01T00:00:00Z", intervalEnd: "2026-11-01T00:01:00Z" };
    // Today tokens are ¥0: the batch lines are there, at ¥0.
    expect(rateRecord(record, DEFAULT_PRICE_BOOK).map((p) => [p.sku, p.tokens, p.listRu, p.service])).toEqual([
      ["tokens-batch-input", 1_000_000, 0n, "inference_batch"],
      ["tokens-batch-output", 2_000_000, 0n, "inference_batch"],
    ]);
    expect(DEFAULT_PRICE_BOOK.batchDiscountBps).toBe(5000n);
    // At ¥20 / ¥60 per million tokens, a batch pays ¥10 / ¥30 per million: ¥10 + ¥60.
    const priced = rateRecord(record, { ...DEFAULT_PRICE_BOOK, tokenMicroJpy: { input: 20n, output: 60n } });
    expect(priced.map((p) => [p.sku, p.unitPriceMicro, p.listRu])).toEqual([
      ["tokens-batch-input", 10n, 10n * RU_PER_YEN],
      ["tokens-batch-output", 30n, 60n * RU_PER_YEN],
    ]);
    // Another discount in the price book is applied the same way.
    const quarter = rateRecord(record, { ...DEFAULT_PRICE_BOOK, tokenMicroJpy: { input: 20n, output: 60n }, batchDiscountBps: 2500n });
    expect(quarter.map((p) => p.listRu)).toEqual([15n * RU_PER_YEN, 90n * RU_PER_YEN]);
  });

  it("refuses a shape without a price", () => {
    expect(() => rateRecord({ ...base, shapeId: "tpu-v9" }, DEFAULT_PRICE_BOOK)).toThrow(RatingError);
  });

  it("never loses or invents usage when splitting (property)", () => {
    const rng = prng(20261130);
    const records = randomRecords(rng, { count: 3000, orgIds: ["org_a"], from: new Date("2026-10-28T00:00:00Z"), to: new Date("2026-12-03T00:00:00Z") });
    for (const r of records) {
      const parts = rateRecord(r, DEFAULT_PRICE_BOOK);
      const sum = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p), 0);
      expect(sum((p) => p.seconds)).toBe(r.meter === "tokens" ? 0 : r.seconds);
      expect(sum((p) => p.gpuSeconds)).toBe(r.gpuSeconds);
      expect(sum((p) => p.tokens)).toBe(r.inputTokens + r.outputTokens);
      if (r.meter === "node") {
        const price = BigInt(SHAPES.find((s) => s.id === r.shapeId)!.pricePerHourJpy);
        const listRu = parts.reduce((a, p) => a + p.listRu, 0n);
        expect(listRu * 3600n).toBe(price * BigInt(r.seconds) * RU_PER_YEN);
      }
    }
  });

  it("applies discounts exactly", () => {
    expect(applyDiscount(7200n * RU_PER_YEN, 1250)).toBe(6300n * RU_PER_YEN);
    expect(() => applyDiscount(1n, 100)).toThrow();
  });
});
