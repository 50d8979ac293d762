"use client";
import { useLocale, useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useSearchParams } from "next/navigation";
import { replaceAddressQuery } from "@/components/ui/address-query";
import { useEffect, useMemo, useRef, useState } from "react";
import { useCan, useOrg } from "@/components/shell/org-context";
import { ApiError } from "@/lib/client/api-fetch";
import { useCapacity } from "@/lib/client/catalog/use-capacity";
import { useQuotaRequests } from "@/lib/client/catalog/use-quota-requests";
import { useQuotas } from "@/lib/client/catalog/use-quotas";
import { useErrorMessage } from "@/lib/client/use-error-message";
import type { GpuModel } from "@/lib/domain/catalog";
import type { ModelOption, RegionView, ShapeView } from "@/lib/domain/catalog-api";
import type { ContractPrice } from "@/lib/domain/staff";
import { formatDate, formatDateTime } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { QuotaPanel } from "./quota-panel";
import { QuotaRequestsPanel } from "./quota-requests-panel";
import type { QuotaRequestTarget } from "./request-quota-dialog";
import { GPU_MODELS, ShapeFilters, type ShapeFilterValues } from "./shape-filters";
import { ShapesTable } from "./shapes-table";

// The request form (its dialog, fields and mutation) is only needed once someone asks for more
// quota: it loads then — or a moment earlier, when the pointer or focus reaches the quota panel.
const loadRequestDialog = () => import("./request-quota-dialog");
const RequestQuotaDialog = dynamic(() => loadRequestDialog().then((m) => m.RequestQuotaDialog), { ssr: false });

/** Filters live in the URL (?gpuModel=&regionId=&fitsModel=), so a filtered view can be shared. */
function filtersFrom(search: URLSearchParams, regions: RegionView[], models: ModelOption[]): ShapeFilterValues {
  const gpuModel = search.get("gpuModel") ?? "";
  const regionId = search.get("regionId") ?? "";
  const fitsModel = search.get("fitsModel") ?? "";
  return {
    gpuModel: (GPU_MODELS as string[]).includes(gpuModel) ? (gpuModel as GpuModel) : "",
    regionId: regions.some((r) => r.id === regionId) ? regionId : "",
    fitsModel: models.some((m) => m.id === fitsModel) ? fitsModel : "",
  };
}

/** `contract`: the org's prices under the contract in force today, when it has one (list prices otherwise). */
export function ShapesCatalog({ shapes, regions, models, contract }: { shapes: ShapeView[]; regions: RegionView[]; models: ModelOption[]; contract: { effectiveFrom: string; prices: ContractPrice[] } | null }) {
  const { slug } = useOrg();
  const canRequest = useCan("quotas.request");
  const canLaunch = useCan("clusters.write");
  const t = useTranslations("shapes");
  const locale = useLocale() as Locale;
  const errorMessage = useErrorMessage();
  const search = useSearchParams();
  const filters = filtersFrom(search, regions, models);

  const capacity = useCapacity();
  const quotas = useQuotas(slug);
  const requests = useQuotaRequests(slug);
  const [dialog, setDialog] = useState<{ open: boolean; target: QuotaRequestTarget; nonce: number }>({
    open: false,
    target: { regionId: regions[0].id, gpuModel: regions[0].gpuModels[0] ?? "H100" },
    nonce: 0,
  });

  const setFilters = (change: Partial<ShapeFilterValues>) => replaceAddressQuery(change);

  const visibleShapes = shapes.filter(
    (s) =>
      (!filters.gpuModel || s.gpuModel === filters.gpuModel) &&
      (!filters.regionId || s.regionIds.includes(filters.regionId)) &&
      (!filters.fitsModel || s.modelIds.includes(filters.fitsModel)),
  );
  const visibleRegions = filters.regionId ? regions.filter((r) => r.id === filters.regionId) : regions;
  const quotaLines = (quotas.data ?? []).filter((l) => (!filters.regionId || l.regionId === filters.regionId) && (!filters.gpuModel || l.gpuModel === filters.gpuModel));
  const requestItems = useMemo(() => requests.data?.pages.flatMap((p) => p.items) ?? [], [requests.data]);
  const pendingPairs = useMemo(() => new Set(requestItems.filter((r) => r.status === "pending").map((r) => `${r.regionId}/${r.gpuModel}`)), [requestItems]);

  const capacityUnavailable = capacity.error instanceof ApiError && capacity.error.code === "control_plane_unavailable";
  const capacityState = capacity.data ? "ready" : capacity.isLoading ? "loading" : "unavailable";

  const preloadRequestDialog = () => void loadRequestDialog();

  // A refusal elsewhere (the cluster wizard's 「クォータの引き上げを申請（H100 +8）」) links here with
  // ?request=<model>&regionId=&gpus=<new limit>: the request form opens filled in, once.
  const askedRequest = useRef(false);
  useEffect(() => {
    const model = search.get("request");
    if (askedRequest.current || !canRequest || !model || !(GPU_MODELS as string[]).includes(model)) return;
    askedRequest.current = true;
    const region = regions.find((r) => r.id === search.get("regionId")) ?? regions[0];
    const gpus = Number(search.get("gpus"));
    setDialog((d) => ({ open: true, target: { regionId: region.id, gpuModel: model as GpuModel, requestedGpus: Number.isInteger(gpus) && gpus > 0 ? gpus : undefined }, nonce: d.nonce + 1 }));
  }, [search, regions, canRequest]);

  const openRequest = (pair?: QuotaRequestTarget) => {
    const regionId = pair?.regionId ?? filters.regionId ?? regions[0].id;
    const region = regions.find((r) => r.id === regionId) ?? regions[0];
    const gpuModel = pair?.gpuModel ?? (filters.gpuModel && region.gpuModels.includes(filters.gpuModel) ? filters.gpuModel : region.gpuModels[0]);
    setDialog((d) => ({ open: true, target: { regionId: region.id, gpuModel }, nonce: d.nonce + 1 }));
  };

  return (
    <div className="space-y-6">
      <ShapeFilters value={filters} regions={regions} models={models} onChange={setFilters} shown={visibleShapes.length} total={shapes.length} />

      <section aria-labelledby="shapes-heading" className="space-y-2">
        <h2 id="shapes-heading" className="sr-only">
          {t("title")}
        </h2>
        {capacity.error && !capacity.data ? (
          <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="capacity-unavailable">
            {capacityUnavailable ? t("capacity.unavailable") : errorMessage(capacity.error)}
          </p>
        ) : null}
        {contract ? (
          <p className="text-xs text-muted" data-testid="contract-price-note">
            {t("table.contractNote", { from: formatDate(contract.effectiveFrom, locale) })}
          </p>
        ) : null}
        <ShapesTable
          shapes={visibleShapes}
          regions={visibleRegions}
          capacity={capacity.data?.items ?? []}
          capacityState={capacityState}
          model={models.find((m) => m.id === filters.fitsModel)}
          contractPrices={contract?.prices ?? []}
          launch={{ slug, quota: quotas.data, canLaunch, canRequest, onRequest: (regionId, gpuModel) => openRequest({ regionId, gpuModel }) }}
        />
        {capacity.data ? (
          <p className="text-xs text-muted">
            {t("capacity.updated", { time: formatDateTime(capacity.data.observedAt, locale) })}
            {capacity.data.exact ? ` ${t("capacity.staffNote")}` : null}
          </p>
        ) : null}
      </section>

      <div onPointerEnter={canRequest ? preloadRequestDialog : undefined} onFocusCapture={canRequest ? preloadRequestDialog : undefined}>
        <QuotaPanel
          lines={quotaLines}
          loading={quotas.isLoading}
          error={quotas.error ? errorMessage(quotas.error) : null}
          regions={regions}
          pendingPairs={pendingPairs}
          canRequest={canRequest}
          onRequest={openRequest}
        />
      </div>

      <QuotaRequestsPanel
        requests={requestItems}
        loading={requests.isLoading}
        error={requests.error ? errorMessage(requests.error) : null}
        regions={regions}
        hasMore={requests.hasNextPage}
        loadingMore={requests.isFetchingNextPage}
        onLoadMore={() => void requests.fetchNextPage()}
      />

      {canRequest && dialog.nonce > 0 ? (
        <RequestQuotaDialog
          key={dialog.nonce}
          slug={slug}
          open={dialog.open}
          onOpenChange={(open) => setDialog((d) => ({ ...d, open }))}
          regions={regions}
          lines={quotas.data ?? []}
          pendingPairs={pendingPairs}
          initial={dialog.target}
        />
      ) : null}
    </div>
  );
}
