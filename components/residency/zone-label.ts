import { findRegion, findZone, type Zone } from "@/lib/domain/catalog/regions";
import type { Locale } from "@/lib/i18n/locales";

/**
 * One name for a zone in every wizard and detail page: its short name, its prefecture and its id
 * ("東京A（江東区）・東京都 — jp-tokyo-1a"), so the place a person picks is the place the lists
 * (zoneShortName) and the residency statement later name.
 */
export function zoneLabel(zone: Zone, locale: Locale): string {
  const f = zone.facility;
  const short = zoneShortName(zone.id, locale);
  return locale === "ja" ? `${short}・${f.prefectureJa} — ${zone.id}` : `${short}, ${f.prefectureEn} — ${zone.id}`;
}

/** The region group a zone option sits in: "東京第1リージョン（東京都）". */
export function regionGroupLabel(regionId: string, locale: Locale): string {
  const r = findRegion(regionId);
  if (!r) return regionId;
  return locale === "ja" ? `${r.nameJa}（${r.prefectureJa}）` : `${r.nameEn} (${r.prefectureEn})`;
}

/**
 * The short name of a zone for table cells and headers: its data center and ward or city,
 * "東京A（江東区）" / "Tokyo A (Koto)" — the name the wizards' longer label starts its place with.
 */
export function zoneShortName(zoneId: string, locale: Locale): string {
  const zone = findZone(zoneId);
  if (!zone) return zoneId;
  const f = zone.facility;
  return locale === "ja" ? f.nameJa.replace("データセンター", "") : f.nameEn.replace(" data center", "");
}
