import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { MeteringRecord } from "@/lib/domain/metering";
import { closeMonth } from "./close-month";
import { saveContract } from "./contracts";
import { FOCUS_COLUMNS, focusCsv } from "./focus-csv";
import { ingestMeteringRecords } from "./ingest";
import { INVOICE_CSV_COLUMNS, invoiceCsv } from "./invoice-csv";
import { createOrg } from "./testing";

function parseCsv(text: string): string[][] {
  // Enough of RFC 4180 for these files: quoted cells may hold commas and doubled quotes.
  const rows: string[][] = [];
  for (const line of text.split("\r\n").filter((l) => l.length > 0)) {
    const cells: string[] = [];
    let cur = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === "," && !quoted) {
        cells.push(cur);
        cur = "";
      } else {
        cur += ch;
      }
    }
    cells.push(cur);
    rows.push(cells);
  }
  return rows;
}

const rec = (over: Partial<MeteringRecord>): MeteringRecord => ({
  id: "x", tenantId: "org_csv", resourceId: "cl_csv", resourceKind: "cluster", meter: "node", shapeId: "h100-8x", controlPlaneTier: null,
  regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1b", intervalStart: "2026-11-04T00:00:00Z", intervalEnd: "2026-11-04T01:00:00Z",
  seconds: 3600, gpuSeconds: 28_800, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 0, ...over,
});

describe("CSV exports", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await createOrg(handle.db, "org_csv", "株式会社\"カンマ\",テスト", "CSV, Test K.K.");
    await saveContract(handle.db, "org_csv", { discountPercent: 10, effectiveFrom: "2026-11-01" });
    await ingestMeteringRecords(handle.db, [
      rec({ id: "c1" }),
      rec({ id: "c2", intervalStart: "2026-11-05T00:00:00Z", intervalEnd: "2026-11-05T00:30:00Z", seconds: 1800, gpuSeconds: 14_400 }),
      rec({ id: "c3", resourceId: "ep_csv", resourceKind: "endpoint", meter: "tokens", shapeId: null, inputTokens: 1_500_000, outputTokens: 20_000, seconds: 0, gpuSeconds: 0 }),
    ]);
  });
  afterAll(async () => handle.close());

  it("writes the invoice as UTF-8 CSV with a BOM for Excel", async () => {
    const { invoice } = await closeMonth(handle.db, "org_csv", "2026-11", new Date("2026-12-01T00:00:00Z"));
    const csv = invoiceCsv(invoice);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows[0]).toEqual([...INVOICE_CSV_COLUMNS]);
    const lines = rows.filter((r) => r[0] === "明細");
    expect(lines).toHaveLength(3);
    expect(lines[0][rows[0].indexOf("金額(円)")]).toBe("9720"); // 1.5 h × ¥7,200 × 90 %
    expect(lines[0][rows[0].indexOf("宛先")]).toBe('株式会社"カンマ",テスト 御中');
    expect(lines[0][rows[0].indexOf("登録番号")]).toBe("T9010401123456");
    const total = rows.find((r) => r[0] === "合計")!;
    expect(total[rows[0].indexOf("金額(円)")]).toBe("10692");
    expect(rows.find((r) => r[0] === "消費税(10%)")![rows[0].indexOf("金額(円)")]).toBe("972");
  });

  it("exports FOCUS columns with list and contracted costs", async () => {
    const csv = await focusCsv(handle.db, "org_csv", "2026-11-01", "2026-12-01");
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual([...FOCUS_COLUMNS]);
    for (const col of ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency", "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory", "ResourceId", "ResourceType", "RegionId", "RegionName", "AvailabilityZone", "ServiceName", "SkuId", "ConsumedQuantity", "ConsumedUnit", "ProviderName", "PublisherName", "InvoiceIssuerName"]) {
      expect(header).toContain(col);
    }
    const get = (row: string[], col: string) => row[header.indexOf(col)];
    const nov4 = rows.filter((r) => get(r, "ChargePeriodStart") === "2026-11-03T15:00:00Z");
    const node = nov4.find((r) => get(r, "SkuId") === "h100-8x")!;
    expect(get(node, "ListCost")).toBe("7200.000000");
    expect(get(node, "BilledCost")).toBe("6480.000000");
    expect(get(node, "ContractedUnitPrice")).toBe("6480.000000");
    expect(get(node, "ConsumedQuantity")).toBe("1.000000");
    expect(get(node, "ConsumedUnit")).toBe("Hours");
    expect(get(node, "BillingCurrency")).toBe("JPY");
    expect(get(node, "BillingPeriodStart")).toBe("2026-10-31T15:00:00Z");
    expect(get(node, "BillingPeriodEnd")).toBe("2026-11-30T15:00:00Z");
    expect(get(node, "ChargePeriodEnd")).toBe("2026-11-04T15:00:00Z");
    expect(get(node, "RegionName")).toBe("Tokyo 1");
    expect(get(node, "AvailabilityZone")).toBe("jp-tokyo-1b");
    expect(get(node, "ResourceType")).toBe("Kubernetes Cluster");
    expect(get(node, "InvoiceIssuerName")).toBe("Hinoki Cloud K.K.");
    const tokens = nov4.find((r) => get(r, "SkuId") === "tokens-input")!;
    expect(get(tokens, "ConsumedQuantity")).toBe("1500000");
    expect(get(tokens, "ConsumedUnit")).toBe("Tokens");
    expect(get(tokens, "BilledCost")).toBe("0.000000");
    const billed = rows.reduce((s, r) => s + Number(get(r, "BilledCost")), 0);
    expect(billed).toBeCloseTo(9720, 6);
  });
});
