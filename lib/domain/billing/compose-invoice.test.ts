import { describe, expect, it } from "vitest";
import { SHAPES } from "../catalog";
import { composeInvoice } from "./compose-invoice";
import { contractOn, discountBps, type Contract } from "./contract";
import type { RatedUsage } from "./invoice";
import { Invoice } from "./invoice";
import { monthOfDay } from "./jst";
import { DEFAULT_PRICE_BOOK, skuInfo } from "./price-book";
import { rateRecord } from "./rating";
import { prng } from "./testing/prng";
import { randomRecords } from "./testing/random-records";
import { applyDiscount } from "./units";

// Independent oracle: yen price per hour × seconds / 3600 × (10000 − bps) / 10000, as a
// fraction over 36,000,000, computed without the ru machinery under test.
const ORACLE_DENOMINATOR = 3600n * 10_000n;
function oracleNumerator(sku: string, seconds: number, bps: number): bigint {
  const shape = SHAPES.find((s) => s.id === sku);
  const yenPerHour = shape ? shape.pricePerHourJpy : sku === "control-plane-single" ? 20 : sku === "control-plane-ha" ? 60 : 0;
  return BigInt(yenPerHour) * BigInt(seconds) * BigInt(10_000 - bps);
}

const contracts: Contract[] = [
  { discountPercent: 5, discountByGpuModel: { H100: 12.5 }, committedMonthlyJpy: 0, creditLimitJpy: null, reservationApprovalAboveJpy: null, effectiveFrom: "2026-10-01" },
  { discountPercent: 7.25, discountByGpuModel: { GB200: 20, L40S: 0 }, committedMonthlyJpy: 0, creditLimitJpy: null, reservationApprovalAboveJpy: null, effectiveFrom: "2026-11-17" },
];

describe("invoice composition (property)", () => {
  for (const seed of [1, 2, 3]) {
    it(`bills the exact rated sum rounded once per line, tax once (seed ${seed})`, () => {
      const rng = prng(seed);
      const records = randomRecords(rng, { count: 4000, orgIds: ["org_a"], from: new Date("2026-10-29T00:00:00Z"), to: new Date("2026-12-02T00:00:00Z") });
      const usage: RatedUsage[] = [];
      const oracle = new Map<string, bigint>();
      for (const r of records) {
        for (const p of rateRecord(r, DEFAULT_PRICE_BOOK)) {
          if (monthOfDay(p.day) !== "2026-11") continue;
          const bps = discountBps(contractOn(contracts, p.day), skuInfo(p.sku)!.gpuModel);
          usage.push({ service: p.service, sku: p.sku, regionId: p.regionId, discountBps: bps, unitPriceMicro: p.unitPriceMicro, seconds: p.seconds, gpuSeconds: p.gpuSeconds, tokens: p.tokens, listRu: p.listRu, ratedRu: applyDiscount(p.listRu, bps) });
          const key = `${p.service}|${p.sku}|${p.regionId}|${bps}`;
          oracle.set(key, (oracle.get(key) ?? 0n) + oracleNumerator(p.sku, p.seconds, bps));
        }
      }
      const invoice = composeInvoice({ kind: "invoice", id: "inv_x", number: "HNK-202611-000001", orgId: "org_a", month: "2026-11", issuedAt: new Date("2026-12-01T00:00:00Z"), recipient: { legalNameJa: "株式会社A", legalNameEn: "A K.K.", corporateNumber: null }, usage, contract: contracts[1] });
      Invoice.parse(invoice);

      const expectedLines = new Map([...oracle].map(([k, v]) => [k, Number(v / ORACLE_DENOMINATOR)]));
      for (const line of invoice.lines) {
        const key = `${line.service}|${line.sku}|${line.regionId}|${Math.round(Number(line.discountPercent) * 100)}`;
        expect(line.amountJpy, key).toBe(expectedLines.get(key));
      }
      const lineKeys = invoice.lines.filter((l) => l.seconds > 0 || l.tokens > 0).length;
      expect(lineKeys).toBe([...oracle.keys()].length);
      const subtotal = [...expectedLines.values()].reduce((a, b) => a + b, 0);
      expect(invoice.subtotalJpy).toBe(subtotal);
      expect(invoice.taxJpy).toBe(Math.floor((subtotal * 10) / 100));
      expect(invoice.totalJpy).toBe(subtotal + invoice.taxJpy);
      // One rounding per line: the subtotal is within one yen per line of the exact total.
      const exactTotal = [...oracle.values()].reduce((a, b) => a + b, 0n);
      expect(BigInt(subtotal) * ORACLE_DENOMINATOR).toBeLessThanOrEqual(exactTotal);
      expect(exactTotal - BigInt(subtotal) * ORACLE_DENOMINATOR).toBeLessThan(BigInt(invoice.lines.length) * ORACLE_DENOMINATOR);
    });
  }

  it("bills Batch API tokens on lines of their own, under batch inference, at the discounted token price with the discount stated", () => {
    const priceBook = { ...DEFAULT_PRICE_BOOK, tokenMicroJpy: { input: 20n, output: 60n } };
    const record = { id: "ep_1:tokens:x", tenantId: "org_a", resourceId: "ep_1", resourceKind: "endpoint" as const, shapeId: null, controlPlaneTier: null, regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", intervalStart: "2026-11-10T00:00:00Z", intervalEnd: "2026-11-10T00:01:00Z", seconds: 0, gpuSeconds: 0, inputTokens: 3_000_000, outputTokens: 1_000_000, requests: 100, sequence: 1 };
    const parts = [...rateRecord({ ...record, meter: "tokens" }, priceBook), ...rateRecord({ ...record, id: "ep_1:batch-tokens:x", meter: "batch_tokens", sequence: 2 }, priceBook)];
    const usage: RatedUsage[] = parts.map((p) => ({ service: p.service, sku: p.sku, regionId: p.regionId, discountBps: 0, unitPriceMicro: p.unitPriceMicro, seconds: 0, gpuSeconds: 0, tokens: p.tokens, listRu: p.listRu, ratedRu: p.listRu }));
    const invoice = composeInvoice({ kind: "invoice", id: "inv_b", number: "HNK-202611-000003", orgId: "org_a", month: "2026-11", issuedAt: new Date("2026-12-01T00:00:00Z"), recipient: { legalNameJa: "株式会社A", legalNameEn: "A K.K.", corporateNumber: null }, usage, contract: contracts[0] });
    expect(invoice.lines.map((l) => [l.service, l.sku, l.quantity, l.amountJpy])).toEqual([
      ["inference", "tokens-input", "3.000000", 60],
      ["inference", "tokens-output", "1.000000", 60],
      ["inference_batch", "tokens-batch-input", "3.000000", 30],
      ["inference_batch", "tokens-batch-output", "1.000000", 30],
    ]);
    expect(invoice.lines[2].descriptionJa).toBe("バッチ推論（Batch API） バッチ入力トークン（通常単価の50%引き） 東京第1リージョン");
    expect(invoice.lines[3].descriptionEn).toMatch(/^Batch inference \(Batch API\), batch output tokens \(50% off the token price\), /);
    expect(invoice.subtotalJpy).toBe(180);
  });

  it("adds a commitment shortfall line and taxes it", () => {
    const invoice = composeInvoice({ kind: "invoice", id: "inv_y", number: "HNK-202611-000002", orgId: "org_a", month: "2026-11", issuedAt: new Date("2026-12-01T00:00:00Z"), recipient: { legalNameJa: "株式会社A", legalNameEn: "A K.K.", corporateNumber: null }, usage: [], contract: { ...contracts[0], committedMonthlyJpy: 1_000_000, paymentTermsDays: 45 } });
    expect(invoice.lines).toHaveLength(1);
    expect(invoice.lines[0].kind).toBe("commitment_shortfall");
    expect(invoice.subtotalJpy).toBe(1_000_000);
    expect(invoice.taxJpy).toBe(100_000);
    expect(invoice.dueDate).toBe("2027-01-14");
  });
});
