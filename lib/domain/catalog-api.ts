import { z } from "zod";
import { Money } from "./common";
import { CapacityLevel } from "./control-plane";
import { GpuModelSchema, QuotaLine, QuotaRequest } from "./quotas";

// What the public API says about the catalog (regions, shapes), live capacity and quotas.
// The catalog data itself lives in ./catalog; these are its shapes on the wire.

const Localized = z.object({ ja: z.string(), en: z.string() });

export const FacilityView = z.object({
  id: z.string(),
  name: Localized,
  prefecture: Localized,
  iso3166_2: z.string().describe("ISO 3166-2 subdivision, e.g. JP-13"),
});
export type FacilityView = z.infer<typeof FacilityView>;

export const RegionView = z.object({
  id: z.string(),
  name: Localized,
  prefecture: Localized,
  iso3166_2: z.string(),
  country: z.literal("JP"),
  renewablePower: z.boolean(),
  zones: z.array(z.object({ id: z.string(), letter: z.string(), facility: FacilityView })),
  /** GPU models the region's fleet has (what a quota can be used on there). */
  gpuModels: z.array(GpuModelSchema),
  /** Shapes that can be launched in the region. */
  shapeIds: z.array(z.string()),
});
export type RegionView = z.infer<typeof RegionView>;

export const ShapeView = z.object({
  id: z.string(),
  gpuModel: GpuModelSchema.nullable(),
  gpuCount: z.number().int(),
  gpuMemoryGb: z.number().int().describe("per GPU"),
  totalGpuMemoryGb: z.number().int(),
  gpuMemoryType: z.string().nullable(),
  vcpu: z.number().int(),
  ramGib: z.number().int(),
  interconnect: Localized,
  /** A GB200 tray lives in an NVL72 rack of 18 trays sharing one NVLink domain. */
  rackScale: z.boolean(),
  pricePerHour: Money.describe("list price per instance-hour, excluding tax"),
  pricePerMonth: Money.describe("pricePerHour × hoursPerMonth"),
  hoursPerMonth: z.literal(730),
  /** Regions where the shape can be launched. */
  regionIds: z.array(z.string()),
  /** Inference models that fit on this shape. */
  modelIds: z.array(z.string()),
});
export type ShapeView = z.infer<typeof ShapeView>;

/** An inference model as the shapes page's "fits model" filter needs it (server-rendered, not an API body). */
export interface ModelOption {
  id: string;
  displayName: string;
  minGpuMemoryGb: number;
  /** Tensor-parallel degree per shape id, where more than one GPU is needed. */
  tensorParallel: Record<string, number>;
}

export const ShapeQuery = z.object({
  gpuModel: GpuModelSchema.optional(),
  regionId: z.string().max(40).optional(),
  /** Only shapes that can serve this inference model. */
  fitsModel: z.string().max(100).optional(),
});
export type ShapeQuery = z.infer<typeof ShapeQuery>;

/** Exact counts: provider staff only. */
export const CapacityCounts = z.object({
  unit: z.enum(["node", "tray"]),
  total: z.number().int(),
  allocated: z.number().int(),
  available: z.number().int(),
  wholeRacksAvailable: z.number().int().nullable(),
});
export type CapacityCounts = z.infer<typeof CapacityCounts>;

export const CapacityView = z.object({
  regionId: z.string(),
  zoneId: z.string(),
  shapeId: z.string(),
  level: CapacityLevel,
  /** Present for provider staff; null for customers, who see the level only. */
  counts: CapacityCounts.nullable(),
});
export type CapacityView = z.infer<typeof CapacityView>;

export const CapacityReport = z.object({
  items: z.array(CapacityView),
  /** When the control plane answered (RFC 3339, UTC). */
  observedAt: z.string(),
  exact: z.boolean().describe("true when counts are included (provider staff)"),
});
export type CapacityReport = z.infer<typeof CapacityReport>;

export const CapacityQuery = z.object({
  regionId: z.string().max(40).optional(),
  zoneId: z.string().max(40).optional(),
  shapeId: z.string().max(40).optional(),
});
export type CapacityQuery = z.infer<typeof CapacityQuery>;

export const QuotaQuery = z.object({
  regionId: z.string().max(40).optional(),
  gpuModel: GpuModelSchema.optional(),
});
export type QuotaQuery = z.infer<typeof QuotaQuery>;

export const QuotaList = z.object({ items: z.array(QuotaLine), nextCursor: z.null() });

export const QuotaRequestStatus = z.enum(["pending", "approved", "rejected"]);
export const QuotaRequestQuery = z.object({ status: QuotaRequestStatus.optional() });
export type QuotaRequestQuery = z.infer<typeof QuotaRequestQuery>;

export { QuotaLine, QuotaRequest };
