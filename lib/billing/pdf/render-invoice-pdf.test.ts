import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import { RU_PER_YEN, composeInvoice, type RatedUsage } from "@/lib/domain/billing";
import { closeMonth } from "../close-month";
import { ingestMeteringRecords } from "../ingest";
import { getInvoicePdf } from "../invoice-store";
import { createOrg } from "../testing";
import { renderInvoicePdf } from "./render-invoice-pdf";

// The PDF is checked the way an accountant's tools see it: text extracted by poppler's pdftotext.

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hinoki-pdf-"));
  try {
    const file = path.join(dir, "invoice.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("invoice PDF", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
  });
  afterAll(async () => handle.close());

  it("carries the qualified-invoice fields as extractable Japanese text", async () => {
    const orgId = await createOrg(handle.db, "org_pdf", "株式会社さくら重工", "Sakura Heavy Industries K.K.");
    await ingestMeteringRecords(handle.db, [
      {
        id: "pdf1", tenantId: orgId, resourceId: "cl_pdf", resourceKind: "cluster", meter: "node", shapeId: "b200-8x", controlPlaneTier: null,
        regionId: "jp-osaka-1", zoneId: "jp-osaka-1a", intervalStart: "2026-11-02T00:00:00Z", intervalEnd: "2026-11-02T10:00:00Z",
        seconds: 36_000, gpuSeconds: 288_000, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 1,
      },
      {
        id: "pdf2", tenantId: orgId, resourceId: "cl_pdf", resourceKind: "cluster", meter: "control_plane", shapeId: null, controlPlaneTier: "ha",
        regionId: "jp-osaka-1", zoneId: "jp-osaka-1a", intervalStart: "2026-11-02T00:00:00Z", intervalEnd: "2026-11-02T10:00:00Z",
        seconds: 36_000, gpuSeconds: 0, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 2,
      },
    ]);
    const { invoice } = await closeMonth(handle.db, orgId, "2026-11", new Date("2026-12-01T00:00:00Z"));
    expect(invoice.subtotalJpy).toBe(136_600);
    expect(invoice.totalJpy).toBe(150_260);
    const text = pdfText(await getInvoicePdf(handle.db, orgId, invoice.id));
    for (const expected of [
      "請求書（適格請求書）",
      "適格請求書",
      "T9010401123456",
      "Hinoki Cloud株式会社",
      "株式会社さくら重工 御中",
      "¥150,260",
      "10%対象 小計",
      "¥136,600",
      "消費税(10%)",
      "¥13,660",
      "取引年月",
      "2026年11月",
      "支払期限",
      "2026年12月31日",
      "振込先",
      "ひのき銀行",
      "1234567",
      invoice.number,
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it("continues a long line table on further pages", async () => {
    const usage: RatedUsage[] = Array.from({ length: 90 }, (_, i) => ({
      service: "inference", sku: "l40s-1x", regionId: `jp-test-${i}`, discountBps: 0, unitPriceMicro: 290_000_000n, seconds: 3600, gpuSeconds: 3600, tokens: 0, listRu: 290n * RU_PER_YEN, ratedRu: 290n * RU_PER_YEN,
    }));
    const invoice = composeInvoice({ kind: "invoice", id: "inv_long", number: "HNK-202611-999999", orgId: "org_long", month: "2026-11", issuedAt: new Date("2026-12-01T00:00:00Z"), recipient: { legalNameJa: "長い株式会社", legalNameEn: "Long K.K.", corporateNumber: null }, usage });
    const pdf = await renderInvoicePdf(invoice);
    const text = pdfText(pdf);
    expect(text).toContain("（続き / continued）");
    expect(text).toContain("¥28,710"); // 90 × ¥290 = ¥26,100 + ¥2,610 tax
    expect(text.split("\f").length).toBeGreaterThan(2);
  });
});
