import "server-only";
import { findModel, findRegion, HOURS_PER_MONTH, MODELS, monthlyPriceJpy, SHAPES, type Shape } from "@/lib/domain/catalog";
import { ShapeQuery, type ShapeView } from "@/lib/domain/catalog-api";
import { yen } from "@/lib/domain/common";
import { AppError } from "@/lib/domain/errors";
import { regionIdsForShape } from "./offerings";

// Every shape with its specs and list prices (¥/h, and ¥/month at 730 h), optionally narrowed by
// GPU model, region, or the inference model it must fit. Public: prices are the list prices.

export function toShapeView(s: Shape): ShapeView {
  return {
    id: s.id,
    gpuModel: s.gpuModel,
    gpuCount: s.gpuCount,
    gpuMemoryGb: s.gpuMemoryGb,
    totalGpuMemoryGb: s.gpuMemoryGb * s.gpuCount,
    gpuMemoryType: s.gpuMemoryType,
    vcpu: s.vcpu,
    ramGib: s.ramGib,
    interconnect: { ja: s.interconnectJa, en: s.interconnectEn },
    rackScale: s.rackScale,
    pricePerHour: yen(s.pricePerHourJpy),
    pricePerMonth: yen(monthlyPriceJpy(s.pricePerHourJpy)),
    hoursPerMonth: HOURS_PER_MONTH as 730,
    regionIds: regionIdsForShape(s.id),
    modelIds: MODELS.filter((m) => m.shapeIds.includes(s.id)).map((m) => m.id),
  };
}

export function listShapes(rawQuery: ShapeQuery = {}): ShapeView[] {
  const query = ShapeQuery.parse(rawQuery);
  if (query.regionId && !findRegion(query.regionId)) throw new AppError("validation_failed", "unknown region", { field: "regionId" });
  if (query.fitsModel && !findModel(query.fitsModel)) throw new AppError("validation_failed", "unknown model", { field: "fitsModel" });
  return SHAPES.map(toShapeView).filter(
    (s) =>
      (!query.gpuModel || s.gpuModel === query.gpuModel) &&
      (!query.regionId || s.regionIds.includes(query.regionId)) &&
      (!query.fitsModel || s.modelIds.includes(query.fitsModel)),
  );
}
