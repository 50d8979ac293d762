"use client";
import { useLocale, useTranslations } from "next-intl";
import { Cpu } from "lucide-react";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import type { CapacityView, ModelOption, RegionView, ShapeView } from "@/lib/domain/catalog-api";
import type { ContractPrice } from "@/lib/domain/staff";
import { formatNumber, formatUnitYen, formatYen } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { ConfidentialComputingBadge } from "@/components/residency/confidential-computing-badge";
import { CapacityBadge } from "./capacity-badge";
import { LaunchCell } from "./launch-cell";

export function ShapesTable({
  shapes,
  regions,
  capacity,
  capacityState,
  model,
  contractPrices,
  launch,
}: {
  shapes: ShapeView[];
  /** The regions in view (all, or the one filtered on). */
  regions: RegionView[];
  capacity: CapacityView[];
  capacityState: "loading" | "ready" | "unavailable";
  /** The model filtered on ("fits model"), if any. */
  model: ModelOption | undefined;
  /** The org's contract prices; a shape with a discount shows it, with the list price struck through. */
  contractPrices: ContractPrice[];
  /** What this org can launch now, per row (its quota), and the actions it may take. */
  launch: Omit<Parameters<typeof LaunchCell>[0], "shape" | "regions">;
}) {
  const t = useTranslations("shapes.table");
  const locale = useLocale() as Locale;

  if (shapes.length === 0) {
    return <EmptyState icon={<Cpu className="size-8" />} title={t("empty")} description={t("emptyBody")} />;
  }
  return (
    <Card>
      <Table>
        <thead>
          <tr>
            <Th>{t("shape")}</Th>
            <Th>{t("gpuMemory")}</Th>
            <Th>{t("cpuRam")}</Th>
            <Th>{t("interconnect")}</Th>
            <Th numeric>{t("perHour")}</Th>
            <Th numeric>{t("perMonth")}</Th>
            <Th>{t("availability")}</Th>
            <Th>{t("forThisOrg")}</Th>
          </tr>
        </thead>
        <tbody>
          {shapes.map((shape) => {
            const zones = regions.filter((r) => shape.regionIds.includes(r.id)).flatMap((r) => r.zones.map((z) => ({ ...z, region: r })));
            const tp = model?.tensorParallel[shape.id];
            const contract = contractPrices.find((p) => p.shapeId === shape.id && p.discountPercent > 0);
            return (
              <tr key={shape.id} data-testid="shape-row" data-shape={shape.id} className="align-top">
                <Td>
                  <div className="font-mono text-sm font-semibold text-ink">{shape.id}</div>
                  <div className="text-xs text-muted">{shape.gpuModel ? t("gpuSpec", { count: shape.gpuCount, model: shape.gpuModel }) : t("noGpu")}</div>
                  {shape.rackScale ? <div className="mt-0.5 text-[11px] text-brand-700">{t("rackScale")}</div> : null}
                  {tp ? <div className="mt-0.5 text-[11px] text-muted">{t("tensorParallel", { tp })}</div> : null}
                  {shape.gpuModel ? <ConfidentialComputingBadge gpuModel={shape.gpuModel} className="mt-1" /> : null}
                </Td>
                <Td className="whitespace-nowrap">{shape.gpuModel ? t("memorySpec", { count: shape.gpuCount, size: shape.gpuMemoryGb, type: shape.gpuMemoryType ?? "" }) : "—"}</Td>
                <Td className="whitespace-nowrap">{t("vcpuRam", { vcpu: shape.vcpu, ram: formatNumber(shape.ramGib, locale) })}</Td>
                <Td className="max-w-52 text-xs text-muted">{shape.interconnect[locale]}</Td>
                <Td numeric className="whitespace-nowrap font-medium" data-testid="price-hour">
                  {contract ? formatUnitYen(contract.pricePerHourJpy, locale) : formatYen(shape.pricePerHour.amount, locale)}
                  <span className="text-xs font-normal text-muted">{t("perHourShort")}</span>
                  {contract ? (
                    <div className="text-[11px] font-normal text-muted" data-testid="list-price-hour">
                      <s>{t("listPrice", { price: formatYen(shape.pricePerHour.amount, locale) })}</s> · {t("discount", { percent: formatNumber(contract.discountPercent, locale, 2) })}
                    </div>
                  ) : null}
                </Td>
                <Td numeric className="whitespace-nowrap" data-testid="price-month">
                  {formatYen(contract ? contract.pricePerMonthJpy : shape.pricePerMonth.amount, locale)}
                  <span className="text-xs text-muted">{t("perMonthShort")}</span>
                  {contract ? (
                    <div className="text-[11px] text-muted">
                      <s>{t("listPrice", { price: formatYen(shape.pricePerMonth.amount, locale) })}</s>
                    </div>
                  ) : null}
                </Td>
                <Td>
                  {zones.length === 0 ? (
                    <span className="text-xs text-muted">{t("notInRegion")}</span>
                  ) : (
                    <ul className="flex flex-wrap gap-x-2 gap-y-1.5">
                      {zones.map((z) => (
                        <li key={z.id}>
                          {capacityState === "loading" ? (
                            <Skeleton className="h-5 w-32" />
                          ) : (
                            <CapacityBadge
                              zoneId={z.id}
                              locale={locale}
                              capacity={capacityState === "ready" ? (capacity.find((c) => c.zoneId === z.id && c.shapeId === shape.id) ?? null) : null}
                              title={locale === "ja" ? `${z.facility.name.ja}（${z.facility.prefecture.ja}・${z.facility.iso3166_2}）` : `${z.facility.name.en} (${z.facility.prefecture.en}, ${z.facility.iso3166_2})`}
                            />
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </Td>
                <Td>
                  <LaunchCell {...launch} shape={shape} regions={regions} />
                </Td>
              </tr>
            );
          })}
        </tbody>
      </Table>
    </Card>
  );
}
