import type { Command } from "commander";
import { formatYen } from "@/lib/i18n/format";
import { ok } from "@/lib/sdk/client";
import { renderTable } from "../output";
import { action } from "../run";

// orgs, shapes, capacity: what the token can see and what can be launched where.

export function registerCatalogCommands(program: Command): void {
  program
    .command("orgs")
    .description("Organizations the token belongs to / 所属組織")
    .action(
      action(async ({ api, t, out, locale }) => {
        const page = await ok(api().GET("/api/v1/orgs"));
        out.print(page, () => renderTable([t("colSlug"), t("colName"), t("colCorporateNumber")], page.items.map((o) => [o.slug, locale === "ja" ? o.legalNameJa : o.legalNameEn, o.corporateNumber])));
      }),
    );

  program
    .command("shapes")
    .description("GPU shapes with prices / GPU シェイプと料金")
    .option("--gpu <model>", "only this GPU model (H100, L40S, …)")
    .option("--region <id>", "only shapes offered in this region")
    .action(
      action(async ({ api, t, out, locale }, options: { gpu?: string; region?: string }) => {
        const page = await ok(api().GET("/api/v1/shapes", { params: { query: { gpuModel: options.gpu as never, regionId: options.region } } }));
        out.print(page, () =>
          renderTable(
            [t("colShape"), t("colGpu"), t("colVcpu"), t("colRam"), t("colPerHour"), t("colPerMonth"), t("colRegions")],
            page.items.map((s) => [s.id, s.gpuModel ? `${s.gpuModel} × ${s.gpuCount}` : null, s.vcpu, `${s.ramGib} GiB`, formatYen(s.pricePerHour.amount, locale), formatYen(s.pricePerMonth.amount, locale), s.regionIds.join(", ")]),
          ),
        );
      }),
    );

  program
    .command("capacity")
    .description("Live availability per zone and shape / ゾーン・シェイプ別の空き状況")
    .option("--region <id>", "one region")
    .option("--zone <id>", "one zone")
    .option("--shape <id>", "one shape")
    .action(
      action(async ({ api, t, out }, options: { region?: string; zone?: string; shape?: string }) => {
        const capacity = await ok(api().GET("/api/v1/capacity", { params: { query: { regionId: options.region, zoneId: options.zone, shapeId: options.shape } } }));
        out.print(capacity, () =>
          renderTable(
            [t("colZone"), t("colShape"), t("colAvailability"), t("colAvailable")],
            capacity.items.map((c) => [c.zoneId, c.shapeId, t(`level_${c.level}`), c.counts ? `${c.counts.available} / ${c.counts.total} ${c.counts.unit}` : null]),
          ),
        );
      }),
    );
}
