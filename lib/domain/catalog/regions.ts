// Regions, zones and facilities of the (fictional) operator's fleet — the embedded simulator's
// defaults and the source of every residency claim. Data, not logic.

export interface Facility {
  id: string;
  nameJa: string;
  nameEn: string;
  prefectureJa: string;
  prefectureEn: string;
  /** ISO 3166-2 subdivision code, e.g. "JP-13" for Tokyo. */
  iso3166_2: string;
}

export interface Zone {
  id: string; // e.g. "jp-tokyo-1a"
  regionId: string;
  letter: string;
  facility: Facility;
}

export interface Region {
  id: string;
  nameJa: string;
  nameEn: string;
  prefectureJa: string;
  prefectureEn: string;
  iso3166_2: string;
  renewablePower: boolean;
  zones: Zone[];
}

function facility(id: string, nameJa: string, nameEn: string, prefectureJa: string, prefectureEn: string, iso: string): Facility {
  return { id, nameJa, nameEn, prefectureJa, prefectureEn, iso3166_2: iso };
}

function region(
  id: string,
  nameJa: string,
  nameEn: string,
  prefectureJa: string,
  prefectureEn: string,
  iso: string,
  renewablePower: boolean,
  zones: Array<[letter: string, facility: Facility]>,
): Region {
  return {
    id,
    nameJa,
    nameEn,
    prefectureJa,
    prefectureEn,
    iso3166_2: iso,
    renewablePower,
    zones: zones.map(([letter, f]) => ({ id: `${id}${letter}`, regionId: id, letter, facility: f })),
  };
}

export const REGIONS: readonly Region[] = [
  region("jp-tokyo-1", "東京第1リージョン", "Tokyo 1", "東京都", "Tokyo", "JP-13", false, [
    ["a", facility("hnk-tyo-a1", "東京Aデータセンター（江東区）", "Tokyo A data center (Koto)", "東京都", "Tokyo", "JP-13")],
    ["b", facility("hnk-tyo-b1", "東京Bデータセンター（府中市）", "Tokyo B data center (Fuchu)", "東京都", "Tokyo", "JP-13")],
  ]),
  region("jp-osaka-1", "大阪第1リージョン", "Osaka 1", "大阪府", "Osaka", "JP-27", false, [
    ["a", facility("hnk-osa-a1", "堺Aデータセンター", "Sakai A data center", "大阪府", "Osaka", "JP-27")],
    ["b", facility("hnk-osa-b1", "堺Bデータセンター", "Sakai B data center", "大阪府", "Osaka", "JP-27")],
  ]),
  region("jp-hokkaido-1", "北海道第1リージョン", "Hokkaido 1", "北海道", "Hokkaido", "JP-01", true, [
    ["a", facility("hnk-tmk-a1", "苫小牧Aデータセンター", "Tomakomai A data center", "北海道", "Hokkaido", "JP-01")],
  ]),
];

export const ZONES: readonly Zone[] = REGIONS.flatMap((r) => r.zones);

export function findRegion(id: string): Region | undefined {
  return REGIONS.find((r) => r.id === id);
}

export function findZone(id: string): Zone | undefined {
  return ZONES.find((z) => z.id === id);
}
