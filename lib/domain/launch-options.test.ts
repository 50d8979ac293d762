import { describe, expect, it } from "vitest";
import { SHAPES, findShape } from "./catalog/shapes";
import { gpuModelFromDeviceName, supportsConfidentialComputing } from "./catalog/confidential-computing";
import { defaultLaunchShape, fitsQuota, launchableAlternatives, quotaShortfall } from "./launch-options";

// The demo org's situation from issue 23: H100 quota 16/16 in Tokyo, H200 unused.
const FULL_H100 = [
  { regionId: "jp-tokyo-1", gpuModel: "H100", limit: 16, inUse: 16 },
  { regionId: "jp-tokyo-1", gpuModel: "H200", limit: 16, inUse: 0 },
];
const TOKYO_SHAPES = ["h100-8x", "h200-8x", "l40s-1x", "h100-1x", "cpu-16"];
const offeredIn = (id: string) => (TOKYO_SHAPES.includes(id) ? ["jp-tokyo-1"] : ["jp-osaka-1"]);

describe("launch options", () => {
  it("opens the wizard with a shape the org can launch, not one its quota refuses", () => {
    expect(defaultLaunchShape(SHAPES, offeredIn, "jp-tokyo-1", [])).toBe("h100-8x");
    expect(defaultLaunchShape(SHAPES, offeredIn, "jp-tokyo-1", FULL_H100)).toBe("h200-8x");
    const nothingLeft = [...FULL_H100.map((l) => ({ ...l, inUse: l.limit })), { regionId: "jp-tokyo-1", gpuModel: "L40S", limit: 16, inUse: 16 }];
    expect(defaultLaunchShape(SHAPES, offeredIn, "jp-tokyo-1", nothingLeft)).toBe("cpu-16");
  });

  it("offers the shape that fits now beside a quota refusal", () => {
    const h100 = findShape("h100-8x")!;
    expect(fitsQuota(h100, 1, "jp-tokyo-1", FULL_H100)).toBe(false);
    expect(launchableAlternatives(SHAPES, offeredIn, h100, 1, "jp-tokyo-1", FULL_H100).map((s) => s.id)).toEqual(["h200-8x"]);
    // Three nodes (24 GPUs) fit nowhere: no false promise.
    expect(launchableAlternatives(SHAPES, offeredIn, h100, 3, "jp-tokyo-1", FULL_H100)).toEqual([]);
  });

  it("says how many GPUs a quota request must add", () => {
    expect(quotaShortfall({ limit: 16, inUse: 16, requested: 8 })).toBe(8);
    expect(quotaShortfall({ limit: 16, inUse: 0, requested: 8 })).toBe(0);
  });

  it("knows which GPUs can ever be 適合 (confidential computing)", () => {
    expect(supportsConfidentialComputing("L40S")).toBe(false);
    expect(supportsConfidentialComputing("H100")).toBe(true);
    expect(supportsConfidentialComputing(null)).toBe(false);
    expect(gpuModelFromDeviceName("NVIDIA GB200")).toBe("GB200");
    expect(gpuModelFromDeviceName("NVIDIA H100 80GB HBM3")).toBe("H100");
    expect(gpuModelFromDeviceName("Some GPU")).toBeNull();
  });
});
