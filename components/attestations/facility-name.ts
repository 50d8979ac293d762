import { findZone, ZONES, findRegion } from "@/lib/domain/catalog/regions";
import type { Locale } from "@/lib/i18n/locales";

// Catalog names for the ids in a statement (the claims carry ids; people read names).

const FACILITIES = new Map(ZONES.map((z) => [z.facility.id, z.facility]));

export function facilityName(id: string, locale: Locale): string | null {
  const f = FACILITIES.get(id);
  return f ? (locale === "ja" ? f.nameJa : f.nameEn) : null;
}

export function regionName(id: string, locale: Locale): string {
  const r = findRegion(id);
  return r ? (locale === "ja" ? r.nameJa : r.nameEn) : id;
}

export function zoneLabel(id: string): string {
  const z = findZone(id);
  return z ? `${z.id}` : id;
}
