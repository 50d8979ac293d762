import type { GpuModel, Shape } from "./catalog/shapes";
import { DEFAULT_GPU_QUOTA } from "./quota-defaults";

// What this org can launch now, and the way out when it cannot: the cluster wizard's defaults,
// its suggestions beside a quota refusal, and the shapes page's per-row "launchable now" all come
// from here, so they never disagree. Pure (no zod): browser code uses it.

export interface QuotaUse {
  regionId: string;
  gpuModel: string;
  limit: number;
  inUse: number;
}

/** GPUs of a model this org may still start in a region (the default quota when no line exists). */
export function quotaHeadroom(lines: readonly QuotaUse[], regionId: string, gpuModel: GpuModel): number {
  const line = lines.find((l) => l.regionId === regionId && l.gpuModel === gpuModel);
  return line ? line.limit - line.inUse : DEFAULT_GPU_QUOTA;
}

/** Whether `nodes` nodes of the shape fit this org's quota in the region (CPU shapes use no GPU quota). */
export function fitsQuota(shape: Pick<Shape, "gpuModel" | "gpuCount">, nodes: number, regionId: string, lines: readonly QuotaUse[]): boolean {
  if (!shape.gpuModel) return true;
  return shape.gpuCount * nodes <= quotaHeadroom(lines, regionId, shape.gpuModel);
}

// The shapes a new cluster's first pool starts with, best first: training shapes before single GPUs.
const DEFAULT_PREFERENCE = ["h100-8x", "h200-8x", "b200-8x", "h100-1x", "l40s-1x"];

/**
 * The shape the wizard opens with: the first preferred GPU shape offered in the region that this
 * org's quota allows one node of; a CPU-only shape when no GPU shape fits (a form that opens with
 * an error and a disabled button is a dead end).
 */
export function defaultLaunchShape(shapes: readonly Shape[], offeredIn: (shapeId: string) => readonly string[], regionId: string, lines: readonly QuotaUse[]): string {
  for (const id of DEFAULT_PREFERENCE) {
    const shape = shapes.find((s) => s.id === id);
    if (shape && offeredIn(id).includes(regionId) && fitsQuota(shape, 1, regionId, lines)) return id;
  }
  return shapes.find((s) => !s.gpuModel)?.id ?? DEFAULT_PREFERENCE[0];
}

/** Other GPU shapes with the same GPUs per node, offered in the region, that `nodes` nodes of fit the quota now. */
export function launchableAlternatives(shapes: readonly Shape[], offeredIn: (shapeId: string) => readonly string[], current: Shape, nodes: number, regionId: string, lines: readonly QuotaUse[]): Shape[] {
  return shapes.filter(
    (s) => s.id !== current.id && s.gpuModel && s.gpuModel !== current.gpuModel && s.gpuCount === current.gpuCount && !s.rackScale && offeredIn(s.id).includes(regionId) && fitsQuota(s, nodes, regionId, lines),
  );
}

/** GPUs more than the quota allows for this request: what a quota request must add ("H100 +8"). */
export function quotaShortfall(line: { limit: number; inUse: number; requested: number }): number {
  return Math.max(0, line.inUse + line.requested - line.limit);
}
