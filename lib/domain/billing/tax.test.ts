import { describe, expect, it } from "vitest";
import { consumptionTax } from "./tax";
import { composeInvoice } from "./compose-invoice";
import { RU_PER_YEN } from "./units";

describe("consumption tax", () => {
  it("is rounded once per invoice: three ¥105 lines → ¥31", () => {
    const perLine = [105, 105, 105].map((a) => consumptionTax(a)).reduce((a, b) => a + b, 0);
    expect(perLine).toBe(30); // what per-line rounding would (wrongly) give
    expect(consumptionTax(315)).toBe(31);
  });

  it("composes the three-¥105 invoice with ¥31 tax", () => {
    const usage = ["jp-tokyo-1", "jp-osaka-1", "jp-hokkaido-1"].map((regionId) => ({
      service: "kubernetes" as const,
      sku: "cpu-16",
      regionId,
      discountBps: 0,
      unitPriceMicro: 60_000_000n,
      seconds: 6300, // 1.75 h × ¥60 = ¥105
      gpuSeconds: 0,
      tokens: 0,
      listRu: 105n * RU_PER_YEN,
      ratedRu: 105n * RU_PER_YEN,
    }));
    const invoice = composeInvoice({
      kind: "invoice",
      id: "inv_test",
      number: "HNK-202611-000001",
      orgId: "org_a",
      month: "2026-11",
      issuedAt: new Date("2026-12-01T01:00:00Z"),
      recipient: { legalNameJa: "株式会社テスト", legalNameEn: "Test K.K.", corporateNumber: null },
      usage,
    });
    expect(invoice.lines.map((l) => l.amountJpy)).toEqual([105, 105, 105]);
    expect(invoice.subtotalJpy).toBe(315);
    expect(invoice.taxJpy).toBe(31);
    expect(invoice.totalJpy).toBe(346);
    expect(invoice.taxes).toEqual([{ ratePercent: 10, subtotalJpy: 315, taxJpy: 31 }]);
  });

  it("floors, never rounds half up", () => {
    expect(consumptionTax(9)).toBe(0);
    expect(consumptionTax(19)).toBe(1);
    expect(consumptionTax(1_234_567)).toBe(123_456);
  });
});
