import { findRegion, type Zone } from "@/lib/domain/catalog/regions";
import type { Locale } from "@/lib/i18n/locales";

/**
 * One name for a zone in every wizard and list: its id, its data center and its prefecture
 * ("jp-tokyo-1a — 東京Aデータセンター（江東区）・東京都"), so the place a person picks is the
 * place the residency statement later names.
 */
export function zoneLabel(zone: Zone, locale: Locale): string {
  const f = zone.facility;
  return locale === "ja" ? `${zone.id} — ${f.nameJa}・${f.prefectureJa}` : `${zone.id} — ${f.nameEn}, ${f.prefectureEn}`;
}

/** The region group a zone option sits in: "東京第1リージョン（東京都）". */
export function regionGroupLabel(regionId: string, locale: Locale): string {
  const r = findRegion(regionId);
  if (!r) return regionId;
  return locale === "ja" ? `${r.nameJa}（${r.prefectureJa}）` : `${r.nameEn} (${r.prefectureEn})`;
}
