import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { quotaLimits } from "@/lib/db/schema";
import { setControlPlane } from "@/lib/control-plane";
import { addDays, jstDateOf } from "@/lib/domain/billing";
import { orgWithRoles } from "../testing/fixtures";
import { installSimulator } from "../clusters/testing";
import { orderCluster } from "../clusters/launch-cluster";
import { createCostCenter } from "../cost-centers/create-cost-center";
import { createApprovalDelegation } from "./approval-delegations";
import { createApprovalPolicy } from "./approval-policies";
import { decideApprovalRequest } from "./decide-approval-request";
import { getApprovalRequestPdf } from "./list-approval-requests";

// The 稟議書 is checked the way a company's records tools see it: text extracted by poppler's
// pdftotext — the request, each stage with who decided (and for whom), when in JST, and the outcome.

function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hinoki-ringi-"));
  try {
    const file = path.join(dir, "ringi.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("稟議書 PDF", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H200", gpus: 64 });
  });
  let sim: Awaited<ReturnType<typeof installSimulator>>;
  beforeEach(async () => {
    sim = await installSimulator(handle.db);
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("renders the request, each stage's decision with who, on whose behalf and when in JST, as extractable Japanese", async () => {
    const center = await createCostCenter(acme.as.owner, "acme", { code: "R-100", nameJa: "研究開発部", nameEn: "R&D" });
    await createApprovalPolicy(acme.as.owner, "acme", { name: "部長決裁", actions: ["cluster.create"], thresholdMonthlyJpy: 5_000_000, stages: [{ name: "課長", approvers: { roles: ["admin"] } }, { name: "部長", approvers: { userIds: [acme.userIds.owner] } }] });
    const today = jstDateOf(new Date());
    await createApprovalDelegation(acme.as.owner, "acme", { delegateUserId: acme.userIds.billing, fromDate: today, toDate: addDays(today, 1) });
    const held = await orderCluster(sim.controlPlane, acme.as.developer, "acme", {
      name: "llm-ringi",
      zoneId: "jp-tokyo-1a",
      kubernetesVersion: "1.36",
      nodePools: [{ name: "gpu", shapeId: "h200-8x", count: 1 }],
      costCenterId: center.id,
      poNumber: "PO-2026-0815",
      approval: { subject: "大規模言語モデルの学習基盤", purpose: "社内向け生成AIの学習に使用するため", periodMonths: 6 },
    });
    if (held.kind !== "approval_request") throw new Error("expected a 稟議");
    const id = held.approvalRequest.id;
    const kacho = await decideApprovalRequest(sim.controlPlane, acme.as.admin, "acme", id, { decision: "approve", comment: "予算内です" });
    await decideApprovalRequest(sim.controlPlane, acme.as.billing, "acme", id, { decision: "approve", comment: "部長不在につき代理承認" });

    const file = await getApprovalRequestPdf(acme.as.viewer, "acme", id);
    expect(file.contentType).toBe("application/pdf");
    const text = pdfText(file.body).replace(/\s+/g, " ");
    for (const expected of ["稟議書", "大規模言語モデルの学習基盤", "社内向け生成AIの学習に使用するため", "クラスター作成", "llm-ringi", "R-100 研究開発部", "PO-2026-0815", "部長決裁", "第1段階 課長", "第2段階 部長", "予算内です", "部長不在につき代理承認", "承認・実行済み", "（JST）"]) {
      expect(text).toContain(expected);
    }
    // The 課長 decided at this JST minute; the delegate's line names whose authority it used.
    const at = new Date(Date.parse(kacho.stages[0].decision!.decidedAt) + 9 * 3_600_000);
    expect(text).toContain(`${at.getUTCFullYear()}年${at.getUTCMonth() + 1}月${at.getUTCDate()}日 ${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")}`);
    expect(text).toContain("の代理");
    await expect(getApprovalRequestPdf(other.as.owner, "other", id)).rejects.toMatchObject({ code: "not_found" });
  });
});
