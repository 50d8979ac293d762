import "server-only";
import { DEFAULT_FLEET, REGIONS, SHAPES, type GpuModel } from "@/lib/domain/catalog";

// Which shapes and GPU models each region offers, from the catalog's fleet: an H100 8x node also
// serves h100-1x slices, and every region with GPUs has a CPU pool for system node pools.

const CPU_SHAPE = "cpu-16";

function regionShapeIds(regionId: string): string[] {
  const ids = new Set<string>();
  for (const entry of DEFAULT_FLEET.filter((f) => f.regionId === regionId && f.count > 0)) {
    ids.add(entry.shapeId);
    if (entry.shapeId === "h100-8x") ids.add("h100-1x");
  }
  if (ids.size > 0) ids.add(CPU_SHAPE);
  // Catalog order, so every list reads the same way.
  return SHAPES.filter((s) => ids.has(s.id)).map((s) => s.id);
}

const BY_REGION = new Map(REGIONS.map((r) => [r.id, regionShapeIds(r.id)]));

export function shapeIdsInRegion(regionId: string): string[] {
  return BY_REGION.get(regionId) ?? [];
}

export function regionIdsForShape(shapeId: string): string[] {
  return REGIONS.filter((r) => shapeIdsInRegion(r.id).includes(shapeId)).map((r) => r.id);
}

export function gpuModelsInRegion(regionId: string): GpuModel[] {
  const models = new Set<GpuModel>();
  for (const id of shapeIdsInRegion(regionId)) {
    const model = SHAPES.find((s) => s.id === id)?.gpuModel;
    if (model) models.add(model);
  }
  return [...models];
}
