import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import { createTestDatabase } from "@/lib/db/testing";
import type { MeteringRecord } from "@/lib/domain/metering";
import { createBudget, evaluateBudgets } from "./budgets";
import { saveContract } from "./contracts";
import { costSummary } from "./cost-summary";
import { ingestMeteringRecords } from "./ingest";
import { monthToDateAndForecast } from "./month-to-date";
import { createOrg } from "./testing";

const rec = (id: string, over: Partial<MeteringRecord>): MeteringRecord => ({
  id, tenantId: "org_cost", resourceId: "cl_a", resourceKind: "cluster", meter: "node", shapeId: "h100-8x", controlPlaneTier: null,
  regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", intervalStart: "2026-11-02T00:00:00Z", intervalEnd: "2026-11-02T10:00:00Z",
  seconds: 36_000, gpuSeconds: 288_000, inputTokens: 0, outputTokens: 0, requests: 0, sequence: 0, ...over,
});

describe("cost queries", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase();
    await createOrg(handle.db, "org_cost");
    // H100 at 20 % off from 10 November JST; everything else 5 % off.
    await saveContract(handle.db, "org_cost", { discountPercent: 5, discountByGpuModel: { H100: 20 }, effectiveFrom: "2026-11-10", committedMonthlyJpy: 0, creditLimitJpy: 5_000_000 });
    await ingestMeteringRecords(handle.db, [
      rec("a", {}), // 10 h h100-8x on 2 Nov, list ¥72,000, no discount yet
      rec("b", { intervalStart: "2026-11-12T00:00:00Z", intervalEnd: "2026-11-12T10:00:00Z" }), // ¥72,000 − 20 %
      rec("c", { resourceId: "ep_b", resourceKind: "endpoint", shapeId: "l40s-1x", regionId: "jp-osaka-1", zoneId: "jp-osaka-1a", intervalStart: "2026-11-12T00:00:00Z", intervalEnd: "2026-11-12T10:00:00Z", gpuSeconds: 36_000 }), // ¥2,900 − 5 %
      rec("d", { meter: "control_plane", shapeId: null, controlPlaneTier: "single", gpuSeconds: 0 }), // ¥200, before the contract
    ]);
  });
  afterAll(async () => handle.close());

  it("groups by service, shape, region, resource and day with discounts by date and GPU model", async () => {
    const q = (groupBy: "service" | "shape" | "region" | "resource" | "day") => costSummary(handle.db, "org_cost", { from: "2026-11-01", to: "2026-12-01", groupBy });
    const byService = await q("service");
    expect(byService.rows.map((r) => [r.key, r.costJpy])).toEqual([
      ["kubernetes", 72_000 + 57_600],
      ["inference", 2_755],
      ["control_plane", 200],
    ]);
    expect(byService.total.costJpy).toBe(132_555);
    expect(byService.total.listCostJpy).toBe(147_100);
    expect(byService.total.gpuHours).toBe(80 + 80 + 10);
    expect((await q("shape")).rows.map((r) => r.key)).toEqual(["h100-8x", "l40s-1x", "control-plane-single"]);
    expect((await q("region")).rows.map((r) => [r.key, r.costJpy])).toEqual([["jp-tokyo-1", 129_800], ["jp-osaka-1", 2_755]]);
    expect((await q("resource")).rows.map((r) => r.key)).toEqual(["cl_a", "ep_b"]);
    expect((await q("day")).rows.map((r) => [r.key, r.costJpy])).toEqual([["2026-11-02", 72_200], ["2026-11-12", 60_355]]);
    await expect(costSummary(handle.db, "org_cost", { from: "2026-12-01", to: "2026-11-01", groupBy: "day" })).rejects.toMatchObject({ code: "validation_failed" });
    // Another org sees nothing of this one.
    expect((await costSummary(handle.db, "org_other", { from: "2026-11-01", to: "2026-12-01", groupBy: "service" })).rows).toEqual([]);
  });

  it("forecasts month end at the run rate", async () => {
    // 15 Nov 00:00 JST = 14 days of 30 elapsed.
    const mtd = await monthToDateAndForecast(handle.db, "org_cost", new Date("2026-11-14T15:00:00Z"));
    expect(mtd.month).toBe("2026-11");
    expect(mtd.monthToDateJpy).toBe(132_555);
    expect(mtd.forecastJpy).toBe(Math.floor((132_555 * 30) / 14));
    expect(mtd.elapsedFraction).toBeCloseTo(14 / 30, 10);
    expect(mtd.creditLimitJpy).toBe(5_000_000);
    // Early in the month, only what has happened so far counts.
    expect((await monthToDateAndForecast(handle.db, "org_cost", new Date("2026-11-05T15:00:00Z"))).monthToDateJpy).toBe(72_200);
  });

  it("reports each budget threshold once per month", async () => {
    const budget = await createBudget(handle.db, "org_cost", { name: "GPU", monthlyAmountJpy: 150_000, thresholds: [50, 80, 100], softAction: "scale_endpoints_to_min" });
    const now = new Date("2026-11-20T00:00:00Z");
    const first = await evaluateBudgets(handle.db, "org_cost", now);
    expect(first.map((a) => [a.budgetId, a.thresholdPercent, a.softAction])).toEqual([
      [budget.id, 50, null],
      [budget.id, 80, null],
    ]);
    expect(await evaluateBudgets(handle.db, "org_cost", now)).toEqual([]);
    await ingestMeteringRecords(handle.db, [rec("e", { intervalStart: "2026-11-19T00:00:00Z", intervalEnd: "2026-11-19T10:00:00Z" })]);
    const concurrent = await Promise.all([evaluateBudgets(handle.db, "org_cost", now), evaluateBudgets(handle.db, "org_cost", now)]);
    expect(concurrent.flat().map((a) => [a.thresholdPercent, a.softAction])).toEqual([[100, "scale_endpoints_to_min"]]);
    // A new month starts over.
    expect(await evaluateBudgets(handle.db, "org_cost", new Date("2026-12-02T00:00:00Z"))).toEqual([]);
  });
});
