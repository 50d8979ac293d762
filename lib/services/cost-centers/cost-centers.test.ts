import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { auditEvents, quotaLimits } from "@/lib/db/schema";
import { ingestMeteringRecords } from "@/lib/billing";
import { setControlPlane } from "@/lib/control-plane";
import { SHAPES } from "@/lib/domain/catalog";
import { costCenterBreakdown, jstDayStart } from "@/lib/domain/billing";
import type { CreateClusterDraft } from "@/lib/domain/clusters";
import type { MeteringRecord } from "@/lib/domain/metering";
import { orgWithRoles } from "../testing/fixtures";
import { closeMonthAsStaff } from "../billing/close-billing-month";
import { createBudget } from "../billing/create-budget";
import { exportFocusCsv } from "../billing/export-focus-csv";
import { getCosts } from "../billing/get-costs";
import { getInvoiceDetail, getInvoiceFile } from "../billing/get-invoice";
import { listBudgets } from "../billing/list-budgets";
import { launchCluster } from "../clusters/launch-cluster";
import { installSimulator } from "../clusters/testing";
import { createUser, principalOf } from "../testing/fixtures";
import { putCostCenterPolicy } from "./cost-center-policy";
import { createCostCenter } from "./create-cost-center";
import { getCostCenter, listCostCenters } from "./list-cost-centers";
import { getCostAllocation, setCostAllocation } from "./set-cost-allocation";
import { updateCostCenter } from "./update-cost-center";
import { processControlPlane } from "@/lib/services/process-control-plane";

// Who pays: cost centers kept (archived, never deleted), required on orders when the org says
// so, carried by a cluster from its launch, changed later from a JST day on — and the cost
// explorer, FOCUS export, invoice lines, 内訳 and CSV, and 部門予算 all follow the same history.

const cluster = (name: string, extra: Partial<CreateClusterDraft> = {}): CreateClusterDraft => ({
  name,
  zoneId: "jp-tokyo-1a",
  kubernetesVersion: "1.36",
  controlPlane: "single",
  nodePools: [{ name: "gpu", shapeId: "h100-8x", count: 1 }],
  ...extra,
});

function dayOfUsage(resourceId: string, orgId: string, day: string): MeteringRecord {
  const shape = SHAPES.find((s) => s.id === "h100-8x")!;
  const start = jstDayStart(day);
  return {
    id: `${resourceId}:${day}`, tenantId: orgId, resourceId, resourceKind: "cluster", meter: "node", shapeId: shape.id, controlPlaneTier: null,
    regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", intervalStart: start.toISOString(), intervalEnd: new Date(start.getTime() + 86_400_000).toISOString(),
    seconds: 86_400, gpuSeconds: 86_400 * 8, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 0,
  };
}

describe("cost centers and PO numbers", () => {
  let handle: DbHandle;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let other: Awaited<ReturnType<typeof orgWithRoles>>;
  let research: { id: string };
  let production: { id: string };

  beforeAll(async () => {
    handle = await createTestDatabase();
    acme = await orgWithRoles(handle.db, "acme");
    other = await orgWithRoles(handle.db, "other");
    await handle.db.insert(quotaLimits).values({ orgId: acme.orgId, regionId: "jp-tokyo-1", gpuModel: "H100", gpus: 1000 });
  });
  beforeEach(async () => {
    await installSimulator(handle.db);
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await handle.close();
  });

  it("billing creates cost centers with unique codes; a developer may not; another org cannot see them", async () => {
    research = await createCostCenter(acme.as.billing, "acme", { code: "CC-1001", nameJa: "AI研究開発部", nameEn: "AI R&D", ownerUserId: acme.userIds.developer });
    production = await createCostCenter(acme.as.admin, "acme", { code: "CC-2001", nameJa: "生産技術部", nameEn: "Production Engineering" });
    expect(research).toMatchObject({ code: "CC-1001", ownerName: expect.any(String), archived: false });
    await expect(createCostCenter(acme.as.billing, "acme", { code: "CC-1001", nameJa: "重複", nameEn: "Dup" })).rejects.toMatchObject({ code: "already_exists" });
    await expect(createCostCenter(acme.as.developer, "acme", { code: "CC-9", nameJa: "x", nameEn: "x" })).rejects.toMatchObject({ code: "forbidden" });
    const outsider = await createUser(handle.db, "outsider@elsewhere.example");
    await expect(createCostCenter(acme.as.billing, "acme", { code: "CC-3", nameJa: "x", nameEn: "x", ownerUserId: outsider })).rejects.toMatchObject({ code: "validation_failed" });
    expect((await listCostCenters(acme.as.viewer, "acme")).items.map((c) => c.code)).toEqual(["CC-1001", "CC-2001"]);
    await expect(getCostCenter(other.as.owner, "other", research.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getCostCenter(await principalOf(handle.db, other.userIds.owner), "acme", research.id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("a cluster carries its cost center and PO number from launch; an unknown or another org's cost center is refused", async () => {
    await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("with-cc", { costCenterId: research.id, poNumber: "PO-2026-0042" }));
    const otherCenter = await createCostCenter(other.as.owner, "other", { code: "X-1", nameJa: "他社部門", nameEn: "Other" });
    await expect(launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("wrong-cc", { costCenterId: otherCenter.id }))).rejects.toMatchObject({ code: "validation_failed", details: { field: "costCenterId", reason: "cost_center_unknown" } });
  });

  it("when the org requires a cost center, an order without one is refused before anything is created", async () => {
    await putCostCenterPolicy(acme.as.billing, "acme", { required: true });
    await expect(launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("no-cc"))).rejects.toMatchObject({ code: "validation_failed", details: { field: "costCenterId", reason: "cost_center_required" } });
    await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("has-cc", { costCenterId: production.id }));
    await putCostCenterPolicy(acme.as.owner, "acme", { required: false });
    const [audit] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.orgId, acme.orgId), eq(auditEvents.action, "cost_center_policy.update")));
    expect(audit.data).toMatchObject({ after: { required: true } });
  });

  it("an archived cost center is never deleted, still names past costs, and takes no new orders until restored", async () => {
    const temp = await createCostCenter(acme.as.billing, "acme", { code: "CC-TMP", nameJa: "臨時プロジェクト", nameEn: "Temporary" });
    await updateCostCenter(acme.as.billing, "acme", temp.id, { archived: true });
    expect((await listCostCenters(acme.as.billing, "acme")).items.map((c) => c.code)).not.toContain("CC-TMP");
    expect((await listCostCenters(acme.as.billing, "acme", { includeArchived: true })).items.find((c) => c.code === "CC-TMP")).toMatchObject({ archived: true });
    await expect(launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("archived-cc", { costCenterId: temp.id }))).rejects.toMatchObject({ details: { reason: "cost_center_archived" } });
    expect((await updateCostCenter(acme.as.billing, "acme", temp.id, { archived: false })).archived).toBe(false);
  });

  it("a change of cost center applies from its JST day: the cost explorer, FOCUS, the invoice lines, 内訳 and CSV, and 部門予算 all follow it", async () => {
    const op = await launchCluster(await processControlPlane(), acme.as.developer, "acme", cluster("moves", { costCenterId: research.id, poNumber: "PO-A" }));
    const id = op.target.id;
    // Charged to research from 1 Jan 2030 (PO-A), to production from 16 Jan (PO-B).
    await setCostAllocation(acme.as.developer, "acme", id, { costCenterId: research.id, poNumber: "PO-A" }, new Date("2030-01-01T01:00:00+09:00"));
    await setCostAllocation(acme.as.billing, "acme", id, { costCenterId: production.id, poNumber: "PO-B" }, new Date("2030-01-16T09:30:00+09:00"));
    await expect(setCostAllocation(acme.as.viewer, "acme", id, { costCenterId: null })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setCostAllocation(other.as.owner, "other", id, { costCenterId: null })).rejects.toMatchObject({ code: "not_found" });
    const allocation = await getCostAllocation(acme.as.viewer, "acme", id);
    expect(allocation.current).toMatchObject({ costCenterCode: "CC-2001", poNumber: "PO-B", effectiveFrom: "2030-01-16" });
    const [change] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "cost_allocation.change"))).orderBy(auditEvents.id);
    expect(change.data).toMatchObject({ after: { costCenterId: research.id, poNumber: "PO-A" } });

    const days = Array.from({ length: 31 }, (_, i) => `2030-01-${String(i + 1).padStart(2, "0")}`);
    await ingestMeteringRecords(handle.db, days.map((d) => dayOfUsage(id, acme.orgId, d)));
    const dayYen = 7200 * 24;

    const costs = await getCosts(acme.as.billing, "acme", { from: "2030-01-01", to: "2030-02-01", groupBy: "costCenter" });
    expect(costs.rows.map((r) => [r.key, r.costJpy])).toEqual([
      [production.id, 16 * dayYen],
      [research.id, 15 * dayYen],
    ]);
    expect(costs.costCenters.map((c) => c.code)).toContain("CC-1001");
    const onlyResearch = await getCosts(acme.as.billing, "acme", { from: "2030-01-01", to: "2030-02-01", groupBy: "day", costCenter: research.id });
    expect(onlyResearch.rows.map((r) => r.key)).toEqual(days.slice(0, 15));

    const focus = await exportFocusCsv(acme.as.billing, "acme", { from: "2030-01-14", to: "2030-01-18" });
    let text = "";
    for await (const chunk of focus.chunks) text += chunk;
    const lines = text.trim().split(/\r?\n/);
    expect(lines[0].endsWith(",Tags")).toBe(true);
    const tagsOf = (day: string) => lines.find((l) => l.includes(`${day}T`) && l.includes(id))!;
    expect(tagsOf("2030-01-14")).toContain('""hinoki:cost-center"":""CC-1001""');
    expect(tagsOf("2030-01-14")).toContain('""hinoki:po-number"":""PO-A""');
    expect(tagsOf("2030-01-16")).toContain('""hinoki:cost-center"":""CC-2001""');

    await closeMonthAsStaff(await principalOf(handle.db, await createUser(handle.db, "admin@hinoki.example", { staffRole: "platform_admin" }), ["pwd", "otp"]), { month: "2030-01" }, new Date("2030-02-01T01:00:00Z"));
    const { items } = await import("../billing/list-invoices").then((m) => m.listInvoices(acme.as.billing, "acme", { limit: 5, month: "2030-01" }));
    const detail = await getInvoiceDetail(acme.as.billing, "acme", items[0].id);
    const gpuLines = detail.invoice.lines.filter((l) => l.sku === "h100-8x");
    expect(gpuLines.map((l) => [l.costCenter?.code, l.poNumber, l.amountJpy])).toEqual([
      ["CC-1001", "PO-A", 15 * dayYen],
      ["CC-2001", "PO-B", 16 * dayYen],
    ]);
    const breakdown = costCenterBreakdown(detail.invoice);
    expect(breakdown.reduce((s, r) => s + r.amountJpy, 0)).toBe(detail.invoice.subtotalJpy);
    expect(breakdown.find((r) => r.costCenter?.code === "CC-1001")).toMatchObject({ poNumbers: ["PO-A"] });
    const csv = (await getInvoiceFile(acme.as.billing, "acme", items[0].id, "csv")).body as string;
    expect(csv.split("\n")[0]).toContain("部門コード,部門名,発注番号");
    expect(csv).toContain("CC-2001,生産技術部,PO-B");
  });

  it("a 部門予算 counts only its cost center's spend this month", async () => {
    const now = new Date("2030-01-20T12:00:00+09:00");
    await createBudget(acme.as.billing, "acme", { name: "研究部門", monthlyAmountJpy: 10_000_000, costCenterId: research.id }, now);
    await createBudget(acme.as.billing, "acme", { name: "全社", monthlyAmountJpy: 10_000_000 }, now);
    await expect(createBudget(acme.as.owner, "acme", { name: "x", monthlyAmountJpy: 10_000_000, costCenterId: research.id, softAction: "scale_endpoints_to_min" }, now)).rejects.toMatchObject({ code: "validation_failed" });
    const budgets = (await listBudgets(acme.as.billing, "acme", now)).items;
    const dayYen = 7200 * 24;
    expect(budgets.find((b) => b.name === "研究部門")?.spentJpy).toBe(15 * dayYen);
    expect(budgets.find((b) => b.name === "全社")?.spentJpy).toBeGreaterThanOrEqual(20 * dayYen);
  });
});
