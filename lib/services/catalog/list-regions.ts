import "server-only";
import { REGIONS, type Facility } from "@/lib/domain/catalog";
import type { FacilityView, RegionView } from "@/lib/domain/catalog-api";
import { gpuModelsInRegion, shapeIdsInRegion } from "./offerings";

// The catalog's regions, zones and facilities (public: no principal needed).

const facilityView = (f: Facility): FacilityView => ({
  id: f.id,
  name: { ja: f.nameJa, en: f.nameEn },
  prefecture: { ja: f.prefectureJa, en: f.prefectureEn },
  iso3166_2: f.iso3166_2,
});

export function listRegions(): RegionView[] {
  return REGIONS.map((r) => ({
    id: r.id,
    name: { ja: r.nameJa, en: r.nameEn },
    prefecture: { ja: r.prefectureJa, en: r.prefectureEn },
    iso3166_2: r.iso3166_2,
    country: "JP" as const,
    renewablePower: r.renewablePower,
    zones: r.zones.map((z) => ({ id: z.id, letter: z.letter, facility: facilityView(z.facility) })),
    gpuModels: gpuModelsInRegion(r.id),
    shapeIds: shapeIdsInRegion(r.id),
  }));
}
