import { describe, expect, it } from "vitest";
import { MODELS } from "@/lib/domain/catalog";
import { listModelOptions } from "./list-model-options";

describe("catalog: model options for the shapes page filter", () => {
  it("lists every inference model with its memory floor and tensor-parallel degree per shape", () => {
    const options = listModelOptions();
    expect(options.map((m) => m.id)).toEqual(MODELS.map((m) => m.id));
    expect(options.find((m) => m.id === "llama-3.3-swallow-70b-instruct")).toEqual({
      id: "llama-3.3-swallow-70b-instruct",
      displayName: "Llama 3.3 Swallow 70B Instruct",
      minGpuMemoryGb: 150,
      tensorParallel: { "h100-8x": 2, "h200-8x": 2, "b200-8x": 1 },
    });
    // Models that fit on one GPU carry an empty map, and only the fields the page shows travel.
    expect(options.find((m) => m.id === "qwen3-32b")).toEqual({ id: "qwen3-32b", displayName: "Qwen3 32B", minGpuMemoryGb: 70, tensorParallel: {} });
  });
});
