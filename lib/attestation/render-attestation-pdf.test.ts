import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { sampleEvidence, sampleGpu, sampleNode } from "@/lib/domain/attestation-fixtures";
import { issueAttestation } from "./issue-attestation";
import { jwsSha256, renderAttestationPdf } from "./render-attestation-pdf";
import { createAttestationTestDb, TEST_ORG_ID, testKek } from "./testing";

// The PDF is checked the way a reader's tools see it: poppler's pdftotext must get the Japanese
// back as Japanese (a broken ToUnicode map shows as mojibake or nothing), not just "a PDF exists".

function pdfToText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hinoki-pdf-"));
  try {
    const file = path.join(dir, "certificate.pdf");
    fs.writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("attestation certificate PDF", () => {
  let handle: DbHandle;
  const kek = testKek();
  beforeAll(async () => {
    handle = await createAttestationTestDb();
  });
  afterAll(async () => handle.close());

  it("extracts the Japanese facility, prefecture codes, times in JST and the JWS fingerprint", async () => {
    const now = new Date("2026-11-22T03:00:00Z");
    const issued = await issueAttestation(handle.db, { evidence: sampleEvidence(), orgId: TEST_ORG_ID }, { kek, now });
    const pdf = await renderAttestationPdf({ ...issued, resourceName: "llm-training-prod", orgName: "株式会社テスト" });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The font is embedded as a subset, not the whole 5 MB file.
    expect(pdf.length).toBeLessThan(400_000);

    const text = pdfToText(pdf);
    for (const expected of [
      "データ所在証明書",
      "Residency Attestation Certificate",
      "東京Aデータセンター（江東区）",
      "東京都（JP-13）",
      "JP-13",
      "東京第1リージョン",
      "jp-tokyo-1a",
      "16基（H100 ×16）",
      "Hinoki Cloud株式会社",
      "T9010401123456",
      "2026年11月22日 12:00:00 JST",
      "2026年11月23日 12:00:00 JST",
      "判定：適合",
      "hinoki-residency-v1",
      "株式会社テスト",
      issued.attestation.id,
    ]) {
      expect(text, expected).toContain(expected);
    }
    const fingerprint = jwsSha256(issued.attestation.jws);
    expect(text.replace(/\s+/g, "")).toContain(fingerprint);
  });

  it("says plainly when the appraisal is not affirming, and why", async () => {
    const node = sampleNode(1, { zoneId: "jp-osaka-1b", facilityId: "hnk-osa-b1", shapeId: "b200-8x" });
    node.gpus = node.gpus.map((_, i) => sampleGpu(1, i, { model: "B200", nrasResult: i === 0 ? "not_run" : "pass" }));
    const evidence = sampleEvidence({
      regionId: "jp-osaka-1",
      zoneId: "jp-osaka-1b",
      nodes: [node],
      dataPlanes: { etcd: ["hnk-osa-b1"], volumes: ["hnk-osa-b1"], backups: ["hnk-tmk-a1"], logs: ["hnk-osa-a1"] },
    });
    const issued = await issueAttestation(handle.db, { evidence, orgId: TEST_ORG_ID }, { kek });
    const text = pdfToText(await renderAttestationPdf(issued));
    expect(text).toContain("判定：要確認");
    expect(text).toContain("NRAS未実施");
    expect(text).toContain("堺Bデータセンター");
    expect(text).toContain("大阪府（JP-27）");
    expect(text).toContain("苫小牧Aデータセンター（北海道, JP-01）");
  });
});
