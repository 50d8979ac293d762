import { describe, expect, it } from "vitest";
import { ZONES } from "@/lib/domain/catalog/regions";
import { zoneLabel, zoneShortName } from "./zone-label";

// One name per zone: the lists' short name (東京A（江東区）) is how the wizards' option begins, in
// both languages and for every zone of the catalog, so a person sees one place named one way.

describe("zone names", () => {
  it("names a zone by its data center and ward, and the wizard option starts with that name", () => {
    const tokyoA = ZONES.find((z) => z.id === "jp-tokyo-1a")!;
    expect(zoneShortName("jp-tokyo-1a", "ja")).toBe("東京A（江東区）");
    expect(zoneShortName("jp-tokyo-1a", "en")).toBe("Tokyo A (Koto)");
    expect(zoneLabel(tokyoA, "ja")).toBe("東京A（江東区）・東京都 — jp-tokyo-1a");
    expect(zoneLabel(tokyoA, "en")).toBe("Tokyo A (Koto), Tokyo — jp-tokyo-1a");
    for (const zone of ZONES) {
      for (const locale of ["ja", "en"] as const) {
        const short = zoneShortName(zone.id, locale);
        expect(short).not.toMatch(/データセンター|data center/);
        expect(zoneLabel(zone, locale).startsWith(short)).toBe(true);
        expect(zoneLabel(zone, locale).endsWith(zone.id)).toBe(true);
      }
    }
  });

  it("shows an id it does not know as it is", () => {
    expect(zoneShortName("jp-nowhere-9z", "ja")).toBe("jp-nowhere-9z");
  });
});
