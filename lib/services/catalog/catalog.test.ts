import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/lib/db/testing";
import type { DbHandle } from "@/lib/db/client";
import { setControlPlane } from "@/lib/control-plane";
import type { ControlPlane } from "@/lib/control-plane";
import { ManualClock } from "@/lib/control-plane/sim/clock";
import { SimulatedControlPlane } from "@/lib/control-plane/sim/simulator";
import { AppError } from "@/lib/domain/errors";
import { createUser, orgWithRoles, principalOf } from "../testing/fixtures";
import { forgetCapacity, getCapacity } from "./get-capacity";
import { listRegions } from "./list-regions";
import { listShapes } from "./list-shapes";
import { processControlPlane } from "@/lib/services/process-control-plane";

describe("catalog: regions and shapes", () => {
  it("lists every region in Japan with its zones, facilities, prefectures and ISO 3166-2 codes", () => {
    const regions = listRegions();
    expect(regions.map((r) => r.id)).toEqual(["jp-tokyo-1", "jp-osaka-1", "jp-hokkaido-1"]);
    const tokyo = regions[0];
    expect(tokyo).toMatchObject({ country: "JP", iso3166_2: "JP-13", prefecture: { ja: "東京都", en: "Tokyo" } });
    expect(tokyo.zones.map((z) => z.id)).toEqual(["jp-tokyo-1a", "jp-tokyo-1b"]);
    expect(tokyo.zones[0].facility).toMatchObject({ id: "hnk-tyo-a1", iso3166_2: "JP-13", prefecture: { ja: "東京都" } });
    expect(regions.every((r) => r.zones.every((z) => z.facility.iso3166_2.startsWith("JP-")))).toBe(true);
    // What each region's fleet offers (domain.md): GB200 only in Osaka and Hokkaido.
    expect(tokyo.gpuModels).toEqual(["L40S", "H100", "H200"]);
    expect(tokyo.shapeIds).toEqual(["l40s-1x", "h100-1x", "h100-8x", "h200-8x", "cpu-16"]);
    expect(regions[1].shapeIds).toEqual(["b200-8x", "gb200-tray", "cpu-16"]);
    expect(regions[2]).toMatchObject({ iso3166_2: "JP-01", renewablePower: true, gpuModels: ["H200", "GB200"] });
  });

  it("prices every shape per hour and per month at 730 hours, in integer yen", () => {
    const shapes = listShapes();
    expect(shapes).toHaveLength(7);
    const h100 = shapes.find((s) => s.id === "h100-8x")!;
    expect(h100).toMatchObject({
      gpuModel: "H100",
      gpuCount: 8,
      gpuMemoryGb: 80,
      totalGpuMemoryGb: 640,
      vcpu: 192,
      ramGib: 1920,
      pricePerHour: { amount: 7200, currency: "JPY" },
      pricePerMonth: { amount: 5_256_000, currency: "JPY" },
      hoursPerMonth: 730,
      regionIds: ["jp-tokyo-1"],
    });
    expect(shapes.find((s) => s.id === "l40s-1x")!.pricePerMonth.amount).toBe(290 * 730);
    expect(shapes.find((s) => s.id === "gb200-tray")).toMatchObject({ rackScale: true, regionIds: ["jp-osaka-1", "jp-hokkaido-1"] });
    expect(shapes.find((s) => s.id === "cpu-16")).toMatchObject({ gpuModel: null, gpuCount: 0, modelIds: [] });
  });

  it("filters by GPU model, region and the model a shape must fit", () => {
    expect(listShapes({ gpuModel: "H100" }).map((s) => s.id)).toEqual(["h100-1x", "h100-8x"]);
    expect(listShapes({ regionId: "jp-osaka-1" }).map((s) => s.id)).toEqual(["b200-8x", "gb200-tray", "cpu-16"]);
    expect(listShapes({ fitsModel: "llama-3.3-swallow-70b-instruct" }).map((s) => s.id)).toEqual(["h100-8x", "h200-8x", "b200-8x"]);
    expect(listShapes({ fitsModel: "llama-3.3-swallow-70b-instruct", regionId: "jp-hokkaido-1" }).map((s) => s.id)).toEqual(["h200-8x"]);
    expect(listShapes({ gpuModel: "GB200", regionId: "jp-tokyo-1" })).toEqual([]);
  });

  it("refuses an unknown region or model with the field named", () => {
    expect(() => listShapes({ fitsModel: "gpt-5" })).toThrow(expect.objectContaining({ code: "validation_failed", details: { field: "fitsModel" } }));
    expect(() => listShapes({ regionId: "us-east-1" })).toThrow(expect.objectContaining({ code: "validation_failed", details: { field: "regionId" } }));
    expect(() => listShapes({ gpuModel: "A100" as never })).toThrow();
  });
});

describe("capacity", () => {
  let handle: DbHandle;
  let sim: SimulatedControlPlane;
  let acme: Awaited<ReturnType<typeof orgWithRoles>>;
  let staff: Awaited<ReturnType<typeof principalOf>>;

  beforeAll(async () => {
    handle = await createTestDatabase();
    sim = await SimulatedControlPlane.open({ db: handle.db, clock: new ManualClock(Date.UTC(2030, 0, 1)) });
    setControlPlane(sim);
    acme = await orgWithRoles(handle.db, "acme");
    staff = await principalOf(handle.db, await createUser(handle.db, "am@hinoki.example", { staffRole: "account_manager" }));
  });
  afterAll(async () => {
    setControlPlane(undefined);
    await sim.close();
    await handle.close();
  });
  beforeEach(() => forgetCapacity());

  it("shows customers a level per zone and shape, never the numbers", async () => {
    const report = await getCapacity(await processControlPlane(), acme.as.developer);
    expect(report.exact).toBe(false);
    expect(report.items.length).toBeGreaterThan(10);
    expect(report.items.every((c) => c.counts === null)).toBe(true);
    expect(report.items.find((c) => c.zoneId === "jp-tokyo-1a" && c.shapeId === "h100-8x")).toEqual({ regionId: "jp-tokyo-1", zoneId: "jp-tokyo-1a", shapeId: "h100-8x", level: "available", counts: null });
    expect(JSON.stringify(report)).not.toMatch(/"total"|"available":\d/);
    // Anonymous callers (none reach this through the API, which requires sign-in) see levels too.
    expect((await getCapacity(await processControlPlane(), null)).exact).toBe(false);
  });

  it("shows provider staff the exact counts, GB200 in trays with whole racks", async () => {
    const report = await getCapacity(await processControlPlane(), staff, { regionId: "jp-osaka-1" });
    expect(report.exact).toBe(true);
    expect(new Set(report.items.map((c) => c.regionId))).toEqual(new Set(["jp-osaka-1"]));
    const gb200 = report.items.find((c) => c.zoneId === "jp-osaka-1a" && c.shapeId === "gb200-tray")!;
    expect(gb200.counts).toEqual({ unit: "tray", total: 72, allocated: 0, available: 72, wholeRacksAvailable: 4 });
    const b200 = report.items.find((c) => c.zoneId === "jp-osaka-1a" && c.shapeId === "b200-8x")!;
    expect(b200.counts).toMatchObject({ unit: "node", total: 16, available: 16 });
  });

  it("follows the fleet: a launch that takes a zone's last nodes shows as sold out", async () => {
    await sim.createCluster(
      {
        tenantId: acme.orgId,
        clusterId: "cl_capacity_test",
        name: "all-b200",
        zoneId: "jp-osaka-1b",
        kubernetesVersion: "1.36",
        controlPlane: "single",
        nodePools: [{ poolId: "np_1", name: "gpu", shapeId: "b200-8x", count: 14 }],
      },
      "capacity-test-1",
    );
    forgetCapacity();
    const customer = await getCapacity(await processControlPlane(), acme.as.viewer, { zoneId: "jp-osaka-1b", shapeId: "b200-8x" });
    expect(customer.items).toEqual([expect.objectContaining({ level: "limited", counts: null })]);
    const exact = await getCapacity(await processControlPlane(), staff, { zoneId: "jp-osaka-1b", shapeId: "b200-8x" });
    expect(exact.items[0].counts).toMatchObject({ total: 16, allocated: 14, available: 2 });

    await sim.createCluster(
      {
        tenantId: acme.orgId,
        clusterId: "cl_capacity_test_2",
        name: "last-b200",
        zoneId: "jp-osaka-1b",
        kubernetesVersion: "1.36",
        controlPlane: "single",
        nodePools: [{ poolId: "np_1", name: "gpu", shapeId: "b200-8x", count: 2 }],
      },
      "capacity-test-2",
    );
    forgetCapacity();
    expect((await getCapacity(await processControlPlane(), acme.as.viewer, { zoneId: "jp-osaka-1b", shapeId: "b200-8x" })).items[0].level).toBe("sold_out");
  });

  it("refuses unknown filters with the field named", async () => {
    await expect(getCapacity(await processControlPlane(), acme.as.viewer, { zoneId: "jp-tokyo-9z" })).rejects.toMatchObject({ code: "validation_failed", details: { field: "zoneId" } });
    await expect(getCapacity(await processControlPlane(), acme.as.viewer, { shapeId: "a100-8x" })).rejects.toMatchObject({ code: "validation_failed", details: { field: "shapeId" } });
  });

  it("says control_plane_unavailable when the control plane cannot be reached, and does not keep the failure", async () => {
    const down = { getCapacity: () => Promise.reject(new AppError("control_plane_unavailable", "connection refused")) } as unknown as ControlPlane;
    setControlPlane(down);
    try {
      await expect(getCapacity(await processControlPlane(), acme.as.viewer)).rejects.toMatchObject({ code: "control_plane_unavailable" });
    } finally {
      setControlPlane(sim);
    }
    expect((await getCapacity(await processControlPlane(), acme.as.viewer)).items.length).toBeGreaterThan(0);
  });
});
